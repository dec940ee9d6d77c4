import {
  Exposure,
  ExposureGateway,
  StatusLevel,
  StatusSummary,
  toUnicodeHostname,
  worstStatus,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import {
  gatewayHealth,
  listenerHealth,
  listenerSetHealth,
  shortStatusText,
} from '../../exposures/statusWords';

/** One hop of the path traffic takes to the app, in the Gateway API's words. */
export interface PathNode {
  id: string;
  /** "Gateway", "ListenerSet", "HTTPRoute", "Service"... */
  kind: string;
  name: string;
  /** A second line: the listener of a Gateway or ListenerSet. */
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

const listenerDetail = (gateway: ExposureGateway) =>
  gateway.listener
    ? `listener ${gateway.listener.name} ${gateway.listener.protocol}/${gateway.listener.port}`
    : undefined;

/**
 * The hops through one Gateway: the Gateway with the listener serving the hostname, or, when
 * that listener is a ListenerSet's, the Gateway and then the ListenerSet with its listener.
 */
function gatewayHops(gateway: ExposureGateway): PathNode[] {
  const id = `gateway:${gateway.namespace}/${gateway.name}`;
  const name = `${gateway.namespace}/${gateway.name}`;
  const { listenerSet } = gateway;
  if (!listenerSet) {
    return [
      {
        id,
        kind: 'Gateway',
        name,
        detail: listenerDetail(gateway),
        ...withStatus(gatewayHealth(gateway), 'Programmed'),
      },
    ];
  }
  return [
    { id, kind: 'Gateway', name, ...withStatus(gateway.status, 'Programmed') },
    {
      id: `listenerset:${listenerSet.namespace}/${listenerSet.name}`,
      kind: 'ListenerSet',
      name: `${listenerSet.namespace}/${listenerSet.name}`,
      detail: listenerDetail(gateway),
      // The ListenerSet can be Accepted while the listener serving the hostname is not.
      ...withStatus(
        worstStatus([
          listenerSetHealth(listenerSet),
          ...(gateway.listener ? [listenerHealth(gateway.listener)] : []),
        ]),
        'Programmed',
      ),
    },
  ];
}

/**
 * The hops before the route, one chain per Gateway (from the Gateway to the hop the route
 * attaches to); for a hostname an Ingress serves, its IngressClass's controller at its address.
 */
function entryChains(exposure: Exposure): PathNode[][] {
  const { ingress } = exposure;
  if (ingress) {
    return [
      [
        {
          id: 'ingressclass',
          kind: 'IngressClass',
          name: ingress.ingressClassName ?? 'none',
          detail: ingress.addresses[0] ?? 'no address yet',
          ...withStatus(exposure.route.status, 'Serving'),
        },
      ],
    ];
  }
  if (exposure.gateways.length > 0) return exposure.gateways.map(gatewayHops);
  return [
    [
      {
        id: 'gateway:none',
        kind: 'Gateway',
        name: 'none found',
        status: 'unknown',
        statusText: 'Not attached',
      },
    ],
  ];
}

/**
 * The path of one hostname: client -> each Gateway (with the listener serving it, or the
 * ListenerSet that holds it) -> the route -> each backend Service, each hop with its status.
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
  const chains = entryChains(exposure);
  const gateways = chains.flat();
  const routeNode: PathNode = {
    id: 'route',
    kind: route.kind,
    name: `${route.namespace}/${route.name}`,
    ...withStatus(
      route.status,
      route.kind === 'Ingress' ? 'Served' : 'Accepted',
    ),
  };
  const backends: PathNode[] = route.backends.map(backend => ({
    id: `service:${backend.namespace}/${backend.name}:${backend.port ?? ''}`,
    kind: 'Service',
    name: `${backend.namespace}/${backend.name}${
      backend.port !== undefined ? `:${backend.port}` : ''
    }`,
    ...withStatus(backendStatus(exposure), 'Resolved'),
  }));
  const edges = [
    ...chains.map(chain => ({ from: client.id, to: chain[0].id })),
    ...chains.flatMap(chain =>
      chain.slice(1).map((hop, i) => ({ from: chain[i].id, to: hop.id })),
    ),
    ...chains.map(chain => ({
      from: chain[chain.length - 1].id,
      to: routeNode.id,
    })),
    ...backends.map(b => ({ from: routeNode.id, to: b.id })),
  ];
  // A route attached to a Gateway and to one of its ListenerSets passes the Gateway twice:
  // one node (the first) and one edge each.
  return {
    nodes: uniqueBy([client, ...gateways, routeNode, ...backends], n => n.id),
    edges: uniqueBy(edges, e => `${e.from} ${e.to}`),
  };
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter(item => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
