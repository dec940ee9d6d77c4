/**
 * Listener-level predictions: which route kinds a listener supports, whether its certificate
 * references resolve, and whether it conflicts with a sibling listener.
 */
import { isReferencePermitted } from './referenceGrant';
import { AttachmentOptions, PredictedCondition } from './predictedCondition';
import {
  Gateway,
  GATEWAY_API_GROUP,
  Listener,
  ReferenceGrant,
  RouteGroupKind,
} from '../types';

/**
 * The route kinds each core listener protocol accepts.
 */
function compatibleKinds(
  listener: Listener,
  options: AttachmentOptions,
): string[] | undefined {
  switch (listener.protocol) {
    case 'HTTP':
    case 'HTTPS':
      return ['HTTPRoute', 'GRPCRoute'];
    case 'TLS':
      if ((listener.tls?.mode ?? 'Terminate') === 'Passthrough')
        return ['TLSRoute'];
      return options.tlsRouteModeTerminate
        ? ['TLSRoute', 'TCPRoute']
        : ['TCPRoute'];
    case 'TCP':
      return ['TCPRoute'];
    case 'UDP':
      return ['UDPRoute'];
    default:
      return undefined;
  }
}

/**
 * The route kinds a listener accepts: the kinds its protocol (and TLS mode) supports, narrowed
 * by `allowedRoutes.kinds` when set.
 *
 * @public
 */
export function supportedRouteKinds(
  listener: Listener,
  options: AttachmentOptions = {},
): RouteGroupKind[] {
  const compatible = compatibleKinds(listener, options) ?? [];
  const allowed = listener.allowedRoutes?.kinds;
  const kinds = allowed
    ? compatible.filter(kind =>
        allowed.some(
          a =>
            (a.group ?? GATEWAY_API_GROUP) === GATEWAY_API_GROUP &&
            a.kind === kind,
        ),
      )
    : compatible;
  return kinds.map(kind => ({ group: GATEWAY_API_GROUP, kind }));
}

/**
 * The listener conditions the analysis predicts.
 *
 * @public
 */
export interface ListenerPrediction {
  gatewayNamespace: string;
  gatewayName: string;
  /** Set when the listener comes from a ListenerSet merged onto the Gateway. */
  listenerSet?: { namespace: string; name: string };
  listenerName: string;
  supportedKinds: RouteGroupKind[];
  /** How many route parentRefs the analysis attached to this listener. */
  attachedRoutes: number;
  accepted: PredictedCondition;
  resolvedRefs: PredictedCondition;
  conflicted: PredictedCondition;
  /**
   * Whether the listener goes into the data plane: False when it is not Accepted, its
   * references do not resolve, or it conflicts. Written as a controller writes it once the
   * Gateway has an address (before that a controller says Pending).
   */
  programmed: PredictedCondition;
}

/**
 * A Secret that exists, by namespace and name.
 *
 * @public
 */
export interface SecretKey {
  namespace?: string;
  name?: string;
}

/** @internal */
export function condition(
  type: string,
  status: 'True' | 'False',
  reason: string,
  message: string,
): PredictedCondition {
  return { type, status, reason, message };
}

/** @internal */
export function predictAccepted(
  listener: Listener,
  options: AttachmentOptions,
): PredictedCondition {
  if (compatibleKinds(listener, options) === undefined) {
    return condition(
      'Accepted',
      'False',
      'UnsupportedProtocol',
      `Listener "${listener.name}" uses protocol "${listener.protocol}", which is not a core protocol (HTTP, HTTPS, TLS, TCP, UDP).`,
    );
  }
  return condition(
    'Accepted',
    'True',
    'Accepted',
    `Listener "${listener.name}" is valid.`,
  );
}

/** The object a listener belongs to, for the namespace and ReferenceGrant of its certificateRefs. */
export interface ListenerOwner {
  kind: 'Gateway' | 'ListenerSet';
  namespace: string;
}

/** @internal */
export function predictResolvedRefs(
  owner: ListenerOwner,
  listener: Listener,
  secrets: Set<string>,
  referenceGrants: ReferenceGrant[],
  options: AttachmentOptions,
): PredictedCondition {
  const namespace = owner.namespace;
  const compatible = compatibleKinds(listener, options) ?? [];
  const invalidKinds = (listener.allowedRoutes?.kinds ?? []).filter(
    k =>
      (k.group ?? GATEWAY_API_GROUP) !== GATEWAY_API_GROUP ||
      !compatible.includes(k.kind ?? ''),
  );
  if (invalidKinds.length > 0) {
    return condition(
      'ResolvedRefs',
      'False',
      'InvalidRouteKinds',
      `Listener "${listener.name}" (${
        listener.protocol
      }) cannot serve ${invalidKinds
        .map(k => k.kind)
        .join(', ')} listed in allowedRoutes.kinds.`,
    );
  }
  const terminates =
    listener.protocol === 'HTTPS' ||
    (listener.protocol === 'TLS' &&
      (listener.tls?.mode ?? 'Terminate') === 'Terminate');
  if (!terminates) {
    return condition(
      'ResolvedRefs',
      'True',
      'ResolvedRefs',
      `Listener "${listener.name}" has no references to resolve.`,
    );
  }
  const refs = listener.tls?.certificateRefs ?? [];
  if (refs.length === 0) {
    return condition(
      'ResolvedRefs',
      'False',
      'InvalidCertificateRef',
      `Listener "${listener.name}" terminates TLS but has no certificateRefs.`,
    );
  }
  for (const ref of refs) {
    const group = ref.group ?? '';
    const kind = ref.kind ?? 'Secret';
    const refNamespace = ref.namespace ?? namespace;
    const name = ref.name ?? '';
    if (group !== '' || kind !== 'Secret') {
      return condition(
        'ResolvedRefs',
        'False',
        'InvalidCertificateRef',
        `Listener "${listener.name}" references a ${kind} "${name}"; certificateRefs must be Secrets.`,
      );
    }
    const permitted = isReferencePermitted(
      { group: GATEWAY_API_GROUP, kind: owner.kind, namespace },
      { group: '', kind: 'Secret', namespace: refNamespace, name },
      referenceGrants,
    );
    if (!permitted) {
      return condition(
        'ResolvedRefs',
        'False',
        'RefNotPermitted',
        `Listener "${listener.name}" references Secret "${refNamespace}/${name}" in another namespace, and no ReferenceGrant in "${refNamespace}" allows it.`,
      );
    }
    if (!secrets.has(`${refNamespace}/${name}`)) {
      return condition(
        'ResolvedRefs',
        'False',
        'InvalidCertificateRef',
        `Listener "${listener.name}" references Secret "${refNamespace}/${name}", which does not exist.`,
      );
    }
  }
  return condition(
    'ResolvedRefs',
    'True',
    'ResolvedRefs',
    `Listener "${listener.name}" references resolve.`,
  );
}

// Protocols that share a port only with protocols of the same family: HTTP cannot share a port
// with HTTPS or TLS, while HTTPS and TLS listeners are told apart by SNI.
const PROTOCOL_FAMILY: Record<string, string> = {
  HTTP: 'http',
  HTTPS: 'tls',
  TLS: 'tls',
  TCP: 'tcp',
  UDP: 'udp',
};

/**
 * The family of a listener protocol for the port-sharing rules (undefined when unknown).
 *
 * @internal
 */
export const protocolFamily = (protocol: string | undefined) =>
  PROTOCOL_FAMILY[protocol ?? ''] as string | undefined;

/**
 * Why a listener cannot share its port with one of `others`: an incompatible protocol on the
 * same port, or the same hostname on the same port and protocol family.
 *
 * @internal
 */
export function findListenerClash(
  listener: Listener,
  others: Listener[],
):
  | { reason: 'ProtocolConflict' | 'HostnameConflict'; other: Listener }
  | undefined {
  const family = PROTOCOL_FAMILY[listener.protocol ?? ''];
  const samePort = others.filter(
    s => s !== listener && s.port === listener.port,
  );
  const protocolClash = samePort.find(s => {
    const other = PROTOCOL_FAMILY[s.protocol ?? ''];
    // UDP and the TCP-based protocols do not share a transport, so they never clash.
    return other !== family && other !== 'udp' && family !== 'udp';
  });
  if (protocolClash)
    return { reason: 'ProtocolConflict', other: protocolClash };
  const hostnameClash = samePort.find(
    s =>
      PROTOCOL_FAMILY[s.protocol ?? ''] === family &&
      (s.hostname ?? '') === (listener.hostname ?? ''),
  );
  return hostnameClash
    ? { reason: 'HostnameConflict', other: hostnameClash }
    : undefined;
}

/** @internal */
export function predictConflicted(
  listener: Listener,
  siblings: Listener[],
): PredictedCondition {
  const clash = findListenerClash(listener, siblings);
  if (clash?.reason === 'ProtocolConflict') {
    return condition(
      'Conflicted',
      'True',
      'ProtocolConflict',
      `Listener "${listener.name}" (${listener.protocol}) and listener "${clash.other.name}" (${clash.other.protocol}) use the same port ${listener.port} with incompatible protocols.`,
    );
  }
  if (clash) {
    return condition(
      'Conflicted',
      'True',
      'HostnameConflict',
      `Listener "${listener.name}" and listener "${
        clash.other.name
      }" share port ${listener.port} and hostname "${
        listener.hostname ?? ''
      }".`,
    );
  }
  return condition(
    'Conflicted',
    'False',
    'NoConflicts',
    `Listener "${listener.name}" has no conflicts.`,
  );
}

/**
 * The Programmed condition a conformant controller writes for a listener, from its other
 * conditions: a conflicted listener is not programmed, with the conflict as the reason; an
 * unaccepted one or one whose references do not resolve is `Invalid`.
 *
 * @internal
 */
export function predictProgrammed(
  listenerName: string,
  conditions: {
    accepted: PredictedCondition;
    resolvedRefs: PredictedCondition;
    conflicted: PredictedCondition;
  },
): PredictedCondition {
  const { accepted, resolvedRefs, conflicted } = conditions;
  if (conflicted.status === 'True') {
    return condition(
      'Programmed',
      'False',
      conflicted.reason,
      conflicted.message,
    );
  }
  const why = [accepted, resolvedRefs].filter(c => c.status === 'False');
  if (why.length > 0) {
    return condition(
      'Programmed',
      'False',
      'Invalid',
      `Listener "${listenerName}" is not programmed: ${why
        .map(c => `${c.type} is False (${c.reason})`)
        .join(', ')}.`,
    );
  }
  return condition(
    'Programmed',
    'True',
    'Programmed',
    `Listener "${listenerName}" is programmed once the Gateway has an address.`,
  );
}

/**
 * Predicts a Gateway's listener conditions; `attachedRoutes` is left at 0 for the caller to
 * fill from the route analysis.
 *
 * @internal
 */
export function predictListeners(
  gateway: Gateway,
  secrets: Set<string>,
  referenceGrants: ReferenceGrant[],
  options: AttachmentOptions,
): ListenerPrediction[] {
  const listeners = gateway.spec?.listeners ?? [];
  return listeners.map(listener => {
    const conditions = {
      accepted: predictAccepted(listener, options),
      resolvedRefs: predictResolvedRefs(
        { kind: 'Gateway', namespace: gateway.metadata?.namespace ?? '' },
        listener,
        secrets,
        referenceGrants,
        options,
      ),
      conflicted: predictConflicted(listener, listeners),
    };
    return {
      gatewayNamespace: gateway.metadata?.namespace ?? '',
      gatewayName: gateway.metadata?.name ?? '',
      listenerName: listener.name ?? '',
      supportedKinds: supportedRouteKinds(listener, options),
      attachedRoutes: 0,
      ...conditions,
      programmed: predictProgrammed(listener.name ?? '', conditions),
    };
  });
}
