import {
  Exposure,
  StatusLevel,
  StatusSummary,
  toUnicodeHostname,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { gatewayHealth, shortStatusText } from '../../exposures/statusWords';

/** One hop of the path traffic takes to the app, in the Gateway API's words. */
export interface PathNode {
  id: string;
  /** "Gateway", "HTTPRoute", "Service"... */
  kind: string;
  name: string;
  /** A second line: the listener of a Gateway, the URL of the client. */
  detail?: string;
  /** Absent for the client, which has no status of its own. */
  status?: StatusLevel;
  /** The status in words, so it never reads by colour alone. */
  statusText?: string;
}

export interface PathEdge {
  from: string;
  to: string;
}

/**
 * Whether the route's backendRefs resolve, from the ResolvedRefs condition of its parentRefs:
 * the backends have no status of their own.
 */
function backendStatus(exposure: Exposure): StatusSummary {
  const resolved = exposure.route.parents.flatMap(parent =>
    parent.conditions.filter(c => c.type === 'ResolvedRefs'),
  );
  const refused = resolved.find(c => c.status === 'False');
  if (refused) {
    return {
      status: 'error',
      summary: 'ResolvedRefs False',
      reason: refused.reason,
    };
  }
  return resolved.length > 0 && resolved.every(c => c.status === 'True')
    ? { status: 'ok', summary: 'ResolvedRefs' }
    : { status: 'unknown', summary: 'Not reported' };
}

const withStatus = (status: StatusSummary, ok: string) => ({
  status: status.status,
  statusText: shortStatusText(status, ok),
});

/**
 * The path of one hostname: client -> each Gateway (with the listener serving it) -> the route
 * -> each backend Service, each hop with its status.
 */
export function exposurePath(exposure: Exposure): {
  nodes: PathNode[];
  edges: PathEdge[];
} {
  const { route } = exposure;
  const client: PathNode = {
    id: 'client',
    kind: 'Client',
    name: toUnicodeHostname(exposure.hostname),
  };
  const gateways: PathNode[] =
    exposure.gateways.length > 0
      ? exposure.gateways.map(gateway => ({
          id: `gateway:${gateway.namespace}/${gateway.name}`,
          kind: 'Gateway',
          name: `${gateway.namespace}/${gateway.name}`,
          detail: gateway.listener
            ? `listener ${gateway.listener.name} ${gateway.listener.protocol}/${gateway.listener.port}`
            : undefined,
          ...withStatus(gatewayHealth(gateway), 'Programmed'),
        }))
      : [
          {
            id: 'gateway:none',
            kind: 'Gateway',
            name: 'none found',
            status: 'unknown',
            statusText: 'Not attached',
          },
        ];
  const routeNode: PathNode = {
    id: 'route',
    kind: route.kind,
    name: `${route.namespace}/${route.name}`,
    ...withStatus(route.status, 'Accepted'),
  };
  const backends: PathNode[] = route.backends.map(backend => ({
    id: `service:${backend.namespace}/${backend.name}:${backend.port ?? ''}`,
    kind: 'Service',
    name: `${backend.namespace}/${backend.name}${
      backend.port !== undefined ? `:${backend.port}` : ''
    }`,
    ...withStatus(backendStatus(exposure), 'Resolved'),
  }));
  return {
    nodes: [client, ...gateways, routeNode, ...backends],
    edges: [
      ...gateways.map(g => ({ from: client.id, to: g.id })),
      ...gateways.map(g => ({ from: g.id, to: routeNode.id })),
      ...backends.map(b => ({ from: routeNode.id, to: b.id })),
    ],
  };
}
