import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { gatewayApiApiRef } from '../../api';

/** Every hostname the current component is exposed on, with route, gateway and TLS status. */
export const EntityExposureContent = () => {
  const { entity } = useEntity();
  const api = useApi(gatewayApiApiRef);
  const {
    value: clusters,
    loading,
    error,
  } = useAsync(() => api.listClusters(), [api]);

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;

  const watched = clusters?.length
    ? `Gatehouse watches ${clusters.map(c => c.name).join(', ')}.`
    : 'No cluster is configured under kubernetes.clusterLocatorMethods.';

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard title="Exposure">
          <EmptyState
            missing="data"
            title={`${
              entity.metadata.title ?? entity.metadata.name
            } is not exposed yet`}
            description={
              <>
                <Typography variant="body1" component="span">
                  No HTTPRoute or TLSRoute labelled for this component was
                  found. Use the "Expose a service" template to publish it on a
                  hostname of your tenant.
                </Typography>{' '}
                <Typography variant="body2" component="span">
                  {watched}
                </Typography>
              </>
            }
          />
        </InfoCard>
      </Grid>
    </Grid>
  );
};
