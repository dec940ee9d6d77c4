import {
  InfoCard,
  Link,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Exposure,
  gatewayApiResourceRef,
  IngressMigrationItem,
  IngressMigrationState,
  IngressMigrationTenantCount,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { gatewayApiApiRef } from '../../api';
import { MIGRATE_INGRESS_TEMPLATE } from '../../templates';
import { migrateIngressTemplateRouteRef } from '../../routes';
import { StatusText } from '../status';
import { ReadErrorPanel } from '../ReadState';

const STATE_WORDS: Record<IngressMigrationState, string> = {
  'ingress-only': 'On Ingress only',
  both: 'Ingress and route',
  moved: 'Moved',
};

const tenantCell = (row: { cluster: string; tenant?: string }) =>
  row.tenant ? (
    <EntityRefLink
      entityRef={gatewayApiResourceRef(row.cluster, row.tenant)}
      hideIcon
    >
      {row.tenant}
    </EntityRefLink>
  ) : (
    'No tenant'
  );

const countColumns: TableColumn<IngressMigrationTenantCount>[] = [
  { title: 'Tenant', field: 'tenant', render: tenantCell },
  {
    title: 'Owner',
    field: 'owner',
    render: row =>
      row.owner ? (
        <EntityRefLink entityRef={row.owner} defaultKind="group" />
      ) : (
        '—'
      ),
  },
  { title: 'On Ingress only', field: 'counts.ingress-only', type: 'numeric' },
  { title: 'Ingress and route', field: 'counts.both', type: 'numeric' },
  { title: 'Moved', field: 'counts.moved', type: 'numeric' },
  { title: 'Blocked', field: 'blocked', type: 'numeric' },
];

// The blockers are sentences: their column gets the room, the others stay narrow.
const NARROW = { width: '14%' };

const itemColumns: TableColumn<IngressMigrationItem>[] = [
  {
    title: 'Hostname',
    field: 'hostname',
    highlight: true,
    width: NARROW.width,
    cellStyle: { ...NARROW, wordBreak: 'break-word' },
  },
  {
    title: 'Tenant',
    field: 'tenant',
    render: tenantCell,
    width: '8%',
    cellStyle: { width: '8%' },
  },
  {
    title: 'Ingress',
    width: NARROW.width,
    cellStyle: NARROW,
    render: item =>
      item.ingress ? (
        <>
          <Typography variant="body2">
            {item.ingress.namespace}/{item.ingress.name}
          </Typography>
          <Typography variant="caption" color="textSecondary">
            IngressClass {item.ingress.ingressClassName ?? 'none'}
          </Typography>
        </>
      ) : (
        '—'
      ),
  },
  {
    title: 'State',
    field: 'state',
    width: '13%',
    cellStyle: { width: '13%' },
    render: item => (
      <StatusText status={item.state === 'moved' ? 'ok' : 'pending'}>
        {STATE_WORDS[item.state]}
      </StatusText>
    ),
  },
  {
    title: 'What blocks it',
    width: '51%',
    cellStyle: { width: '51%' },
    render: item =>
      item.blockers.length === 0 ? (
        <StatusText status="ok">Nothing</StatusText>
      ) : (
        item.blockers.map(b => (
          <Box key={b.id} mb={0.5}>
            <StatusText status="error">
              <Typography variant="body2" component="span">
                {b.summary}
              </Typography>
            </StatusText>
            <Typography variant="caption" color="textSecondary">
              {b.id}
            </Typography>
          </Box>
        ))
      ),
  },
];

const IngressMigrationDetails = (props: { involved: Exposure[] }) => {
  const api = useApi(gatewayApiApiRef);
  // Read again when the page's exposures change (it polls), so the counts follow.
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getIngressMigration(),
    [api, props.involved],
  );
  const migrateTemplate = useRouteRef(migrateIngressTemplateRouteRef);
  const migrateLink = migrateTemplate?.(MIGRATE_INGRESS_TEMPLATE);
  const left = value
    ? value.totals['ingress-only'] + value.totals.both
    : undefined;
  const tenantsLeft = value?.tenants.filter(
    t => t.counts['ingress-only'] + t.counts.both > 0,
  ).length;
  return (
    <InfoCard
      title="Ingress migration"
      subheader={
        value
          ? `${left} ${
              left === 1 ? 'hostname' : 'hostnames'
            } of ${tenantsLeft} ${
              tenantsLeft === 1 ? 'tenant' : 'tenants'
            } still on Ingress (${
              value.totals.both
            } served side by side by a route), ${value.totals.moved} moved`
          : undefined
      }
      deepLink={
        migrateLink
          ? { title: 'Migrate an Ingress', link: migrateLink }
          : undefined
      }
    >
      {!value && loading && <Progress />}
      {error && (
        <ReadErrorPanel
          error={error}
          subject="the Ingress migration"
          onRetry={retry}
        />
      )}
      {value && (
        <Grid container spacing={2}>
          <Grid item xs={12}>
            <Table
              title="By tenant"
              data={value.tenants}
              columns={countColumns}
              options={{ paging: false, search: false, padding: 'dense' }}
            />
          </Grid>
          <Grid item xs={12}>
            <Table
              title="Hostnames left on Ingress"
              data={value.items.filter(i => i.state !== 'moved')}
              columns={itemColumns}
              options={{
                paging: value.items.length > 10,
                pageSize: 10,
                search: true,
                padding: 'dense',
              }}
              emptyContent={
                <Box p={2}>
                  <Typography>
                    Every hostname has moved to a route.{' '}
                    {migrateLink && (
                      <Link to={migrateLink}>Migrate another Ingress</Link>
                    )}
                  </Typography>
                </Box>
              }
            />
          </Grid>
        </Grid>
      )}
    </InfoCard>
  );
};

/**
 * The move from Ingress for the platform team: how many hostnames of which tenants still run on
 * Ingress and what blocks each. Shown only when some hostname is (or was) on an Ingress, which
 * the exposures already on the page say, so a cluster without Ingresses costs no request.
 */
export const IngressMigrationSection = (props: { exposures: Exposure[] }) => {
  const involved = useMemo(
    () => props.exposures.filter(e => e.migration),
    [props.exposures],
  );
  if (involved.length === 0) return null;
  return <IngressMigrationDetails involved={involved} />;
};
