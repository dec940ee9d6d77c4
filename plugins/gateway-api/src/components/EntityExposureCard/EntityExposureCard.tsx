import { InfoCard, Link, Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  Exposure,
  isWildcardHostname,
  toUnicodeHostname,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { useExposures } from '../../hooks/useExposures';
import { STATUS_LABELS } from '../../exposures/statusWords';
import { PendingClustersNote } from '../PendingClustersNote';
import { UnservedKindsNote } from '../UnservedKindsNote';
import { ReadErrorPanel, UpdatedAt } from '../ReadState';
import { formatExpiry, StatusText, TLS_STATES } from '../status';

function tlsLine({ tls, route }: Exposure): string {
  if (!tls) return route.kind === 'TLSRoute' ? 'TLS passthrough' : 'No TLS';
  const expiry = formatExpiry(tls);
  return `TLS ${TLS_STATES[tls.state].label}${
    expiry ? `, notAfter ${expiry}` : ''
  }`;
}

/** A compact list of the entity's hostnames for its Overview: status and TLS expiry. */
export const EntityExposureCard = (props: {
  variant?: 'gridItem';
  /** How often to read the exposures again, in milliseconds. */
  refreshIntervalMs?: number;
}) => {
  const { entity } = useEntity();
  const { value, loading, error, retry, updatedAt } = useExposures(
    { entityRef: stringifyEntityRef(entity) },
    props.refreshIntervalMs,
  );
  const subject = `the exposures of ${
    entity.metadata.title ?? entity.metadata.name
  }`;

  const body = () => {
    if (!value && loading) return <Progress />;
    if (error) {
      return <ReadErrorPanel error={error} subject={subject} onRetry={retry} />;
    }
    const exposures = value?.items ?? [];
    const pending = value && (
      <>
        {value.pendingClusters.length > 0 && (
          <PendingClustersNote clusters={value.pendingClusters} />
        )}
        <UnservedKindsNote unserved={value.unservedKinds} />
      </>
    );
    if (exposures.length === 0) {
      return (
        <>
          {pending}
          <Typography variant="body2" color="textSecondary">
            Not exposed on any hostname yet.
          </Typography>
        </>
      );
    }
    return (
      <>
        {pending}
        <List dense disablePadding>
          {exposures.map(exposure => (
            <ListItem
              key={`${exposure.cluster}/${exposure.hostname}`}
              disableGutters
            >
              <ListItemText
                primary={
                  // A wildcard has no URL to open.
                  isWildcardHostname(exposure.hostname) ? (
                    toUnicodeHostname(exposure.hostname)
                  ) : (
                    <Link to={exposure.url}>
                      {toUnicodeHostname(exposure.hostname)}
                    </Link>
                  )
                }
                secondaryTypographyProps={{ component: 'div' }}
                secondary={
                  <>
                    <StatusText status={exposure.status.status}>
                      {STATUS_LABELS[exposure.status.status]}
                      {exposure.status.status !== 'ok' &&
                        exposure.status.reason &&
                        `: ${exposure.status.reason}`}
                    </StatusText>
                    <Typography variant="caption" display="block">
                      {tlsLine(exposure)}
                    </Typography>
                  </>
                }
              />
            </ListItem>
          ))}
        </List>
      </>
    );
  };

  return (
    <InfoCard
      title="Exposure"
      variant={props.variant}
      deepLink={{ title: 'See routes, gateways and hints', link: 'exposure' }}
      action={
        <UpdatedAt updatedAt={updatedAt} onRefresh={retry} subject={subject} />
      }
    >
      {body()}
    </InfoCard>
  );
};
