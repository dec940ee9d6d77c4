import {
  InfoCard,
  Progress,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { TenantDetail } from '@gatehouse/backstage-plugin-gateway-api-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { GATEWAY_TENANT_ENTITY } from '../../catalogEntities';
import { useTenant } from '../../hooks/useTenant';
import { ReadErrorPanel, UpdatedAt } from '../ReadState';
import { TenantClusterWarning } from './TenantClusterWarning';
import { hasUnservedKindNotes, UnservedKindsNote } from '../UnservedKindsNote';
import { HostnameCounts } from './HostnameCounts';
import { StatusList, TenantGateways } from './TenantGateways';

const Section = (props: { title: string; children: React.ReactNode }) => (
  <Box mt={2}>
    <Typography variant="overline" component="h2">
      {props.title}
    </Typography>
    {props.children}
  </Box>
);

const TenantFacts = ({ tenant }: { tenant: TenantDetail }) => (
  <StructuredMetadataTable
    dense
    metadata={{
      Domains: tenant.domains.length > 0 ? tenant.domains : ['none yet'],
      Layout: tenant.layout ?? 'unknown',
      'Owner group': (
        <EntityRefLink entityRef={tenant.ownerGroup} defaultKind="group" />
      ),
      Namespace: tenant.namespace,
      ...(tenant.attachedNamespaces.length > 0
        ? { 'Attached namespaces': tenant.attachedNamespaces }
        : {}),
      ...(tenant.parentTenant ? { 'Parent tenant': tenant.parentTenant } : {}),
      Cluster: tenant.cluster,
    }}
    options={{ titleFormat: key => key }}
  />
);

const TenantCardBody = (props: {
  cluster: string;
  name: string;
  refreshIntervalMs?: number;
}) => {
  const { value, loading, error, retry, updatedAt } = useTenant(
    props.cluster,
    props.name,
    props.refreshIntervalMs,
  );
  const subject = `tenant ${props.name}`;
  const body = () => {
    if (!value && loading) return <Progress />;
    if (error) {
      return <ReadErrorPanel error={error} subject={subject} onRetry={retry} />;
    }
    if (!value) return null;
    const unserved = [
      { cluster: value.cluster, kinds: value.unservedKinds ?? [] },
    ];
    return (
      <Grid container spacing={3}>
        {hasUnservedKindNotes(unserved) && (
          <Grid item xs={12}>
            <UnservedKindsNote unserved={unserved} />
          </Grid>
        )}
        {/* Provisioned by an older Gatehouse: what the guard policies trust is behind. */}
        {value.metadataOutOfDate && (
          <Grid item xs={12}>
            <Section title="Tenant metadata">
              <StatusList statuses={[value.metadataOutOfDate]} />
            </Section>
          </Grid>
        )}
        {/* The facts hold domains and namespaces, which must not break; the counts are short. */}
        <Grid item xs={12} md={7}>
          <TenantFacts tenant={value} />
        </Grid>
        <Grid item xs={12} md={5}>
          <Section title="Hostnames">
            <HostnameCounts counts={value.hostnames} />
          </Section>
        </Grid>
        <Grid item xs={12}>
          <Section title="Gateways">
            <TenantGateways gateways={value.gateways} />
          </Section>
        </Grid>
        {value.unattachedPolicies && value.unattachedPolicies.length > 0 && (
          <Grid item xs={12}>
            <Section title="Policies that apply to nothing">
              <StatusList statuses={value.unattachedPolicies} />
            </Section>
          </Grid>
        )}
      </Grid>
    );
  };
  return (
    <InfoCard
      title="Gateway tenant"
      subheader={`${props.name} on ${props.cluster}`}
      action={
        <UpdatedAt updatedAt={updatedAt} onRefresh={retry} subject={subject} />
      }
    >
      <TenantClusterWarning
        cluster={props.cluster}
        refreshIntervalMs={props.refreshIntervalMs}
      />
      {body()}
    </InfoCard>
  );
};

/**
 * A Gateway tenant's domains, layout and owner, the Gateways and listeners that serve it, and
 * how many of its hostnames work; for the tenant's Resource entity.
 */
export const EntityTenantCard = (props: {
  /** How often to read the tenant again, in milliseconds. */
  refreshIntervalMs?: number;
}) => {
  const { entity } = useEntity();
  const cluster =
    entity.metadata.annotations?.[GATEWAY_TENANT_ENTITY.clusterAnnotation];
  const name = entity.metadata.labels?.[GATEWAY_TENANT_ENTITY.tenantLabel];
  if (!cluster || !name) {
    return (
      <InfoCard title="Gateway tenant">
        <Typography variant="body2">
          This entity lacks the {GATEWAY_TENANT_ENTITY.clusterAnnotation}{' '}
          annotation or the {GATEWAY_TENANT_ENTITY.tenantLabel} label that the
          Gatehouse entity provider sets on tenants, so its Gateways cannot be
          found.
        </Typography>
      </InfoCard>
    );
  }
  return (
    <TenantCardBody
      cluster={cluster}
      name={name}
      refreshIntervalMs={props.refreshIntervalMs}
    />
  );
};
