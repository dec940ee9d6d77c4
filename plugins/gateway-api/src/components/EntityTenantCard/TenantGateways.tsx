import {
  StatusSummary,
  TenantGateway,
  TenantListener,
  TenantListenerSet,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  listenerHealth,
  listenerSetHealth,
  shortStatusText,
} from '../../exposures/statusWords';
import { HintText, StatusText } from '../status';

// Fixed column widths, so the listener tables of several Gateways line up: the short columns
// fit their longest value ("HTTPS/443", "Passthrough", "InvalidCertificateRef") at any card
// width, and the listener and hostname names share the rest, wrapping where they must.
const COLUMNS: Array<[string, string | undefined, 'left' | 'right']> = [
  ['Listener', undefined, 'left'],
  ['Protocol/port', '112px', 'left'],
  ['Hostname', undefined, 'left'],
  ['TLS mode', '100px', 'left'],
  // The listener's attachedRoutes.
  ['Routes', '72px', 'right'],
  ['Status', '208px', 'left'],
];
const NAME = { overflowWrap: 'anywhere' } as const;
const NO_WRAP = { whiteSpace: 'nowrap' } as const;

/** Findings, each with its hint: policies a Gateway ignores, mistakes of its configuration. */
export const StatusList = ({ statuses }: { statuses: StatusSummary[] }) => (
  <>
    {statuses.map(found => (
      <Box key={found.summary} my={1}>
        <StatusText status={found.status}>{found.summary}</StatusText>
        {found.hint && <HintText hint={found.hint} />}
      </Box>
    ))}
  </>
);

/** The controller's verdict on a listener, or until one reports, the analysis's prediction. */
const ListenerStatus = ({ listener }: { listener: TenantListener }) => {
  const status = listenerHealth(listener);
  const predicted = status !== listener.status;
  return (
    <StatusText status={status.status}>
      {shortStatusText(status, 'Programmed')}
      {predicted && ' (predicted)'}
    </StatusText>
  );
};

const ListenerTable = (props: {
  label: string;
  listeners: TenantListener[];
}) => (
  <Table
    size="small"
    style={{ tableLayout: 'fixed' }}
    aria-label={`Listeners of ${props.label}`}
  >
    <TableHead>
      <TableRow>
        {COLUMNS.map(([title, width, align]) => (
          <TableCell key={title} style={{ width, ...NO_WRAP }} align={align}>
            {title}
          </TableCell>
        ))}
      </TableRow>
    </TableHead>
    <TableBody>
      {props.listeners.map(listener => (
        <TableRow key={listener.name}>
          <TableCell style={NAME}>{listener.name}</TableCell>
          <TableCell style={NO_WRAP}>
            {listener.protocol}/{listener.port}
          </TableCell>
          <TableCell style={NAME}>{listener.hostname ?? 'any'}</TableCell>
          <TableCell style={NO_WRAP}>{listener.tlsMode ?? '—'}</TableCell>
          <TableCell align="right">{listener.attachedRoutes ?? '—'}</TableCell>
          <TableCell>
            <ListenerStatus listener={listener} />
          </TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
);

/** A ListenerSet of the tenant merged onto the Gateway, with its status and listeners. */
const ListenerSetBlock = ({
  listenerSet,
}: {
  listenerSet: TenantListenerSet;
}) => {
  const name = `${listenerSet.namespace}/${listenerSet.name}`;
  const status = listenerSetHealth(listenerSet);
  return (
    <Box mt={1.5} ml={2}>
      <Box display="flex" alignItems="baseline" gridGap={16}>
        <Typography variant="body2" component="h4">
          ListenerSet {name}
        </Typography>
        <StatusText status={status.status}>
          {shortStatusText(status, 'Accepted')}
        </StatusText>
      </Box>
      {status.status !== 'ok' && (
        <>
          <Typography variant="body2">{status.summary}</Typography>
          {status.hint && <HintText hint={status.hint} />}
        </>
      )}
      <ListenerTable
        label={`ListenerSet ${name}`}
        listeners={listenerSet.listeners}
      />
    </Box>
  );
};

/**
 * Each Gateway serving the tenant, with its own listeners that admit the tenant's routes and
 * the tenant's ListenerSets merged onto it.
 */
export const TenantGateways = ({ gateways }: { gateways: TenantGateway[] }) =>
  gateways.length === 0 ? (
    <Typography variant="body2" color="textSecondary">
      No Gateway admits this tenant's routes yet.
    </Typography>
  ) : (
    <>
      {gateways.map(gateway => (
        <Box key={`${gateway.namespace}/${gateway.name}`} mb={2}>
          <Box display="flex" alignItems="baseline" gridGap={16}>
            <Typography variant="subtitle2" component="h3">
              Gateway {gateway.namespace}/{gateway.name}
            </Typography>
            <StatusText status={gateway.status.status}>
              {shortStatusText(gateway.status, 'Programmed')}
            </StatusText>
          </Box>
          <Typography variant="caption" color="textSecondary" display="block">
            GatewayClass {gateway.gatewayClassName ?? 'unknown'} ·{' '}
            {gateway.addresses.length > 0
              ? gateway.addresses.join(', ')
              : 'no address yet'}{' '}
            · {gateway.ownedByTenant ? "in the tenant's namespace" : 'shared'}
          </Typography>
          {gateway.status.status !== 'ok' && (
            <>
              <Typography variant="body2">{gateway.status.summary}</Typography>
              {gateway.status.hint && <HintText hint={gateway.status.hint} />}
            </>
          )}
          {gateway.ignoredPolicies && (
            <StatusList statuses={gateway.ignoredPolicies} />
          )}
          {gateway.mistakes && <StatusList statuses={gateway.mistakes} />}
          {gateway.listeners.length > 0 && (
            <ListenerTable
              label={`${gateway.namespace}/${gateway.name}`}
              listeners={gateway.listeners}
            />
          )}
          {gateway.listenerSets?.map(listenerSet => (
            <ListenerSetBlock
              key={`${listenerSet.namespace}/${listenerSet.name}`}
              listenerSet={listenerSet}
            />
          ))}
        </Box>
      ))}
    </>
  );
