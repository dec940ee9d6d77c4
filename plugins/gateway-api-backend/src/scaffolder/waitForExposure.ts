import {
  Certificate,
  Gateway,
  interpretConditions,
  interpretListenerSetStatus,
  interpretRouteStatus,
  ListenerSet,
  Route,
  StatusSummary,
  summariseTls,
  worstStatus,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { KubernetesObject } from '../manifests';

const POLL_MS = 1_000;

/**
 * Waits, within a bound, until the route is Accepted with its references resolved, its
 * Gateway Programmed and (for a terminated HTTPS listener) its certificate Ready, logging each
 * change of state to the task log. Returns the last status in words; never throws on timeout,
 * since the exposure itself succeeded and the Exposure tab keeps watching.
 */
export async function waitForExposure(
  client: ClusterClient,
  planned: KubernetesObject,
  options: {
    timeoutSeconds: number;
    logger: { info(message: string): void };
    signal?: AbortSignal;
  },
): Promise<string> {
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  let last = '';
  for (;;) {
    const state = await readState(client, planned);
    const line = describe(state);
    if (line !== last) {
      options.logger.info(line);
      last = line;
    }
    if (state.done) return `ready: ${line}`;
    if (Date.now() >= deadline || options.signal?.aborted) {
      return `not ready after ${options.timeoutSeconds}s: ${line}`;
    }
    await new Promise(resolve => setTimeout(resolve, POLL_MS));
  }
}

interface ExposureState {
  route: StatusSummary;
  gateway?: StatusSummary;
  tls?: string;
  done: boolean;
}

async function readState(
  client: ClusterClient,
  planned: KubernetesObject,
): Promise<ExposureState> {
  const route = (await client.get({
    apiVersion: planned.apiVersion,
    kind: planned.kind,
    namespace: planned.metadata.namespace,
    name: planned.metadata.name,
  })) as Route | undefined;
  const routeStatus = route
    ? interpretRouteStatus(route)
    : { status: 'error' as const, summary: 'The route is gone.' };
  const parent = (route?.spec?.parentRefs ?? [])[0];
  const parentNamespace = parent?.namespace ?? planned.metadata.namespace;
  // A route on a ListenerSet's listener: the listener is the ListenerSet's, the Gateway the one
  // it is merged onto.
  const listenerSet =
    parent?.kind === 'ListenerSet'
      ? await getListenerSet(client, parentNamespace, parent.name)
      : undefined;
  const gatewayRef = gatewayOf(parent, parentNamespace, listenerSet);
  const gateway = gatewayRef?.name
    ? ((await client.get({
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'Gateway',
        namespace: gatewayRef.namespace,
        name: gatewayRef.name,
      })) as Gateway | undefined)
    : undefined;
  const listenerOwner = listenerSet ?? gateway;
  const listener = listenerOwner?.spec?.listeners?.find(
    l => l.name === parent?.sectionName,
  );
  // The Gateway's own conditions, the ListenerSet's, and this route's listener: other
  // listeners of a shared Gateway are other hostnames' business.
  const gatewayStatus = listenerOwner
    ? worstStatus([
        ...(gateway
          ? [
              interpretConditions(
                'Gateway',
                gateway.status?.conditions,
                gateway.metadata?.generation,
              ),
            ]
          : []),
        ...(listenerSet ? [interpretListenerSetStatus(listenerSet)] : []),
        interpretConditions(
          'Listener',
          listenerOwner.status?.listeners?.find(l => l.name === listener?.name)
            ?.conditions,
          listenerOwner.metadata?.generation,
          `Listener "${listener?.name}": `,
        ),
      ])
    : undefined;

  let tls: string | undefined;
  let tlsReady = true;
  const secretName = listener?.tls?.certificateRefs?.[0]?.name;
  if (planned.kind === 'HTTPRoute' && listenerOwner && secretName) {
    const certificates = (await client.list(
      'cert-manager.io/v1',
      'Certificate',
      {
        namespace: listenerOwner.metadata?.namespace,
      },
    )) as Certificate[];
    const certificate = certificates.find(
      c => c.spec?.secretName === secretName,
    );
    const summary = summariseTls({ certificate, now: new Date() });
    tls = summary.summary;
    tlsReady = summary.state === 'ready' || summary.state === 'expiring';
  }
  return {
    route: routeStatus,
    gateway: gatewayStatus,
    tls,
    done:
      routeStatus.status === 'ok' && gatewayStatus?.status === 'ok' && tlsReady,
  };
}

/** The Gateway a route's parent is on: the parent itself, or a ListenerSet's own parent. */
function gatewayOf(
  parent: { kind?: string; name?: string } | undefined,
  parentNamespace: string | undefined,
  listenerSet: ListenerSet | undefined,
): { namespace?: string; name?: string } | undefined {
  if (parent?.kind !== 'ListenerSet') {
    return { namespace: parentNamespace, name: parent?.name };
  }
  if (!listenerSet) return undefined;
  return {
    namespace:
      listenerSet.spec?.parentRef?.namespace ?? listenerSet.metadata?.namespace,
    name: listenerSet.spec?.parentRef?.name,
  };
}

async function getListenerSet(
  client: ClusterClient,
  namespace: string | undefined,
  name: string | undefined,
): Promise<ListenerSet | undefined> {
  const served = await client.servedApis.kind('ListenerSet');
  if (!served || !name) return undefined;
  return (await client.get({
    apiVersion: served.apiVersion,
    kind: 'ListenerSet',
    namespace,
    name,
  })) as ListenerSet | undefined;
}

function describe(state: ExposureState): string {
  return [
    `route: ${state.route.summary}`,
    state.gateway && `Gateway: ${state.gateway.summary}`,
    state.tls && `certificate: ${state.tls}`,
  ]
    .filter(Boolean)
    .join(' | ');
}
