import { Exposure } from '@gatehouse/backstage-plugin-gateway-api-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { exposureProblems } from '../../exposures/problems';
import { listenerSetHealth } from '../../exposures/statusWords';
import { ExposurePicture } from '../ExposurePicture';
import { formatExpiry, StatusText } from '../status';
import { ExposurePolicies } from './ExposurePolicies';
import { ExposureProblems } from './ExposureProblems';

const Section = (props: { title: string; children: React.ReactNode }) => (
  <Box mb={2}>
    <Typography variant="overline">{props.title}</Typography>
    {props.children}
  </Box>
);

/** Everything known about one exposure: the table row's detail panel. */
export const ExposureDetails = ({ exposure }: { exposure: Exposure }) => {
  const { route, tls } = exposure;
  return (
    <Box px={4} py={2}>
      <Grid container spacing={4}>
        <Grid item xs={12}>
          <Section title="Path">
            <ExposurePicture exposure={exposure} />
          </Section>
        </Grid>
        {exposure.policies && exposure.policies.length > 0 && (
          <Grid item xs={12}>
            <Section title="Policies">
              <ExposurePolicies policies={exposure.policies} />
            </Section>
          </Grid>
        )}
        <Grid item xs={12} md={6}>
          <Section title="parentRefs">
            {route.parents.map(parent => (
              <Box
                key={`${parent.listenerSet?.name ?? ''}/${
                  parent.gateway.namespace
                }/${parent.gateway.name}/${parent.sectionName}/${parent.port}`}
                mb={1}
              >
                <StatusText status={parent.status.status}>
                  {parent.status.summary}
                </StatusText>
                {parent.predicted &&
                  parent.predicted.summary !== parent.status.summary && (
                    <Typography variant="body2" color="textSecondary">
                      Gatehouse analysis: {parent.predicted.summary}
                    </Typography>
                  )}
              </Box>
            ))}
          </Section>
          <Section title="Gateways">
            {exposure.gateways.map(gateway => (
              <Box
                key={`${gateway.namespace}/${gateway.name}/${
                  gateway.listenerSet?.name ?? ''
                }`}
                mb={1}
              >
                <Typography variant="body2">
                  Gateway {gateway.namespace}/{gateway.name}
                  {gateway.gatewayClassName &&
                    ` (GatewayClass ${gateway.gatewayClassName})`}
                  {gateway.addresses.length > 0 &&
                    ` at ${gateway.addresses.join(', ')}`}
                </Typography>
                <StatusText status={gateway.status.status}>
                  {gateway.status.summary}
                </StatusText>
                {gateway.listenerSet && (
                  <>
                    <Typography variant="body2">
                      ListenerSet {gateway.listenerSet.namespace}/
                      {gateway.listenerSet.name}
                    </Typography>
                    <StatusText
                      status={listenerSetHealth(gateway.listenerSet).status}
                    >
                      {listenerSetHealth(gateway.listenerSet).summary}
                    </StatusText>
                  </>
                )}
                {gateway.listener && (
                  <Typography variant="body2" color="textSecondary">
                    listener {gateway.listener.name}:{' '}
                    {gateway.listener.protocol}/{gateway.listener.port}
                    {gateway.listener.hostname &&
                      `, hostname ${gateway.listener.hostname}`}
                    {gateway.listener.attachedRoutes !== undefined &&
                      `, attachedRoutes ${gateway.listener.attachedRoutes}`}
                  </Typography>
                )}
              </Box>
            ))}
          </Section>
          <Section title="Backends">
            {route.backends.map(backend => (
              <Typography
                variant="body2"
                key={`${backend.namespace}/${backend.name}/${backend.port}`}
              >
                Service {backend.namespace}/{backend.name}
                {backend.port !== undefined && `:${backend.port}`}
              </Typography>
            ))}
          </Section>
          {tls && (
            <Section title="Certificate">
              <Typography variant="body2">{tls.summary}</Typography>
              <Typography variant="body2" color="textSecondary">
                {tls.issuer
                  ? `${tls.issuer.kind} ${tls.issuer.name}`
                  : 'No issuer'}
                {tls.notAfter && ` · notAfter ${formatExpiry(tls)}`}
                {tls.renewalTime &&
                  ` · renewalTime ${tls.renewalTime.slice(0, 10)}`}
              </Typography>
              <Typography variant="body2" color="textSecondary">
                dnsNames: {tls.dnsNames.join(', ') || '—'}
              </Typography>
            </Section>
          )}
        </Grid>
        <Grid item xs={12} md={6}>
          <Section title="Needs attention">
            {exposureProblems(exposure).length === 0 ? (
              <StatusText status="ok">
                Accepted, ResolvedRefs and Programmed; nothing to do.
              </StatusText>
            ) : (
              <ExposureProblems exposure={exposure} />
            )}
          </Section>
        </Grid>
      </Grid>
    </Box>
  );
};
