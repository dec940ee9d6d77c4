import {
  EmptyState,
  InfoCard,
  LinkButton,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { EXPOSE_SERVICE_TEMPLATE } from '../../templates';
import { exposeServiceTemplateRouteRef } from '../../routes';
import { useExposures } from '../../hooks/useExposures';
import {
  ExposureProblems,
  ExposureTable,
  gatewayColumn,
  hostnameColumn,
  routeColumn,
  sourceColumn,
  statusColumn,
  tlsColumn,
} from '../ExposureTable';
import { PendingClustersNote } from '../PendingClustersNote';
import { hasUnservedKindNotes, UnservedKindsNote } from '../UnservedKindsNote';
import { ReadErrorPanel, UpdatedAt } from '../ReadState';

const columns = [
  hostnameColumn,
  sourceColumn,
  routeColumn,
  gatewayColumn,
  tlsColumn,
  statusColumn,
];

/** Every hostname the current entity is exposed on, with route, gateway and TLS status. */
export const EntityExposureContent = (props: {
  /** How often to read the exposures again, in milliseconds. */
  refreshIntervalMs?: number;
}) => {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error, retry, updatedAt } = useExposures(
    { entityRef },
    props.refreshIntervalMs,
  );
  const exposeServiceTemplate = useRouteRef(exposeServiceTemplateRouteRef);
  const name = entity.metadata.title ?? entity.metadata.name;
  const subject = `the exposures of ${name}`;

  // A refresh keeps the previous answer on screen instead of flashing a spinner.
  if (!value && loading) return <Progress />;
  if (error) {
    return <ReadErrorPanel error={error} subject={subject} onRetry={retry} />;
  }

  const exposures = value?.items ?? [];
  const troubled = exposures.filter(e => e.status.status !== 'ok');

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <UpdatedAt updatedAt={updatedAt} onRefresh={retry} subject={subject} />
      </Grid>
      {value && value.pendingClusters.length > 0 && (
        <Grid item xs={12}>
          <PendingClustersNote clusters={value.pendingClusters} />
        </Grid>
      )}
      {hasUnservedKindNotes(value?.unservedKinds) && (
        <Grid item xs={12}>
          <UnservedKindsNote unserved={value?.unservedKinds} />
        </Grid>
      )}
      <Grid item xs={12}>
        {exposures.length === 0 ? (
          <InfoCard title="Exposure">
            <EmptyState
              missing="data"
              title={`${name} is not exposed yet`}
              description="No HTTPRoute or TLSRoute for this component was found. Use the Expose a service template to publish it on a hostname of your tenant."
              action={
                exposeServiceTemplate && (
                  <LinkButton
                    to={exposeServiceTemplate(EXPOSE_SERVICE_TEMPLATE)}
                    variant="contained"
                    color="primary"
                  >
                    Expose a service
                  </LinkButton>
                )
              }
            />
          </InfoCard>
        ) : (
          <ExposureTable
            title={`Hostnames of ${name}`}
            exposures={exposures}
            columns={columns}
          />
        )}
      </Grid>
      {troubled.length > 0 && (
        <Grid item xs={12}>
          <WarningPanel
            severity={
              troubled.some(e => e.status.status === 'error')
                ? 'error'
                : 'warning'
            }
            title={`${troubled.length} of ${exposures.length} hostnames need attention`}
            defaultExpanded
          >
            <Grid container spacing={3}>
              {troubled.map(exposure => (
                <Grid
                  item
                  xs={12}
                  md={6}
                  key={`${exposure.cluster}/${exposure.hostname}`}
                >
                  <InfoCard
                    title={exposure.hostname}
                    subheader={`${exposure.route.kind} ${exposure.route.namespace}/${exposure.route.name} on ${exposure.cluster}`}
                  >
                    <ExposureProblems exposure={exposure} />
                  </InfoCard>
                </Grid>
              ))}
            </Grid>
          </WarningPanel>
        </Grid>
      )}
    </Grid>
  );
};
