import { KubeObject } from '../kube/types';
import { isTlsKeyPair } from '../pem';
import { GATEWAY_GROUP, RouteGroupKind } from './constants';
import { LabelSelector } from '../../api/labelSelector';
import { isReferenceAllowed } from './referenceGrants';

export interface Listener {
  name: string;
  port: number;
  protocol: string;
  hostname?: string;
  tls?: {
    mode?: 'Terminate' | 'Passthrough';
    certificateRefs?: {
      group?: string;
      kind?: string;
      name: string;
      namespace?: string;
    }[];
  };
  allowedRoutes?: {
    namespaces?: {
      from?: 'Same' | 'All' | 'Selector' | 'None';
      selector?: LabelSelector;
    };
    kinds?: { group?: string; kind: string }[];
  };
}

/** A condition outcome before it is turned into a status condition. */
export interface Problem {
  reason: string;
  message: string;
}

/** What the controller concluded about one listener. */
export interface ListenerModel {
  listener: Listener;
  supportedKinds: RouteGroupKind[];
  unsupportedProtocol?: Problem;
  unresolvedRefs?: Problem;
  conflict?: Problem;
}

const HTTP_KINDS = ['HTTPRoute', 'GRPCRoute'];

/** Route kinds each protocol serves, as Envoy Gateway supports them. */
function defaultKinds(listener: Listener): string[] | undefined {
  switch (listener.protocol) {
    case 'HTTP':
    case 'HTTPS':
      return HTTP_KINDS;
    case 'TLS':
      return listener.tls?.mode === 'Passthrough'
        ? ['TLSRoute']
        : ['TLSRoute', 'TCPRoute'];
    case 'TCP':
      return ['TCPRoute'];
    case 'UDP':
      return ['UDPRoute'];
    default:
      return undefined;
  }
}

export interface ListenerContext {
  /** The Gateway or ListenerSet that declares the listener. */
  owner: KubeObject;
  /**
   * Its kind. A ListenerSet's certificateRefs default to its own namespace and
   * need ReferenceGrants from ListenerSets; the Gateway's grants do not count.
   */
  ownerKind: 'Gateway' | 'ListenerSet';
  secrets: KubeObject[];
  referenceGrants: KubeObject[];
}

export function analyzeListener(
  listener: Listener,
  context: ListenerContext,
): ListenerModel {
  const kinds = defaultKinds(listener);
  if (!kinds) {
    return {
      listener,
      supportedKinds: [],
      unsupportedProtocol: {
        reason: 'UnsupportedProtocol',
        message: `Protocol ${listener.protocol} is unsupported.`,
      },
    };
  }
  const requested = listener.allowedRoutes?.kinds;
  const supported = (
    requested ?? kinds.map(kind => ({ group: GATEWAY_GROUP, kind }))
  )
    .map(k => ({ group: k.group ?? GATEWAY_GROUP, kind: k.kind }))
    .filter(k => k.group === GATEWAY_GROUP && kinds.includes(k.kind));
  const invalidKinds = (requested ?? []).filter(
    k =>
      (k.group ?? GATEWAY_GROUP) !== GATEWAY_GROUP || !kinds.includes(k.kind),
  );
  const unresolvedRefs: Problem | undefined =
    invalidKinds.length > 0
      ? {
          reason: 'InvalidRouteKinds',
          message: `Route kinds not supported by a ${
            listener.protocol
          } listener: ${invalidKinds.map(k => k.kind).join(', ')}.`,
        }
      : certificateRefProblem(listener, context);
  return { listener, supportedKinds: supported, unresolvedRefs };
}

function terminatesTls(listener: Listener): boolean {
  return (
    listener.protocol === 'HTTPS' ||
    (listener.protocol === 'TLS' && listener.tls?.mode !== 'Passthrough')
  );
}

function certificateRefProblem(
  listener: Listener,
  { owner, ownerKind, secrets, referenceGrants }: ListenerContext,
): Problem | undefined {
  if (!terminatesTls(listener)) return undefined;
  const refs = listener.tls?.certificateRefs ?? [];
  if (refs.length === 0) {
    return {
      reason: 'InvalidCertificateRef',
      message: 'Listener terminates TLS but has no certificateRefs.',
    };
  }
  const ownerNamespace = owner.metadata.namespace!;
  for (const ref of refs) {
    const group = ref.group ?? '';
    const kind = ref.kind ?? 'Secret';
    const namespace = ref.namespace ?? ownerNamespace;
    const name = `${namespace}/${ref.name}`;
    if (group !== '' || kind !== 'Secret') {
      return {
        reason: 'InvalidCertificateRef',
        message: `Unsupported certificateRef kind ${
          group ? `${group}/` : ''
        }${kind}; only Secret is supported.`,
      };
    }
    const allowed = isReferenceAllowed(
      referenceGrants,
      { group: GATEWAY_GROUP, kind: ownerKind, namespace: ownerNamespace },
      { group: '', kind: 'Secret', namespace, name: ref.name },
    );
    if (!allowed) {
      return {
        reason: 'RefNotPermitted',
        message: `Certificate ref to Secret ${name} is not permitted by any ReferenceGrant.`,
      };
    }
    const secret = secrets.find(
      s => s.metadata.namespace === namespace && s.metadata.name === ref.name,
    );
    if (!secret) {
      return {
        reason: 'InvalidCertificateRef',
        message: `Secret ${name} does not exist.`,
      };
    }
    if (
      secret.type !== 'kubernetes.io/tls' ||
      !secret.data?.['tls.crt'] ||
      !secret.data?.['tls.key']
    ) {
      return {
        reason: 'InvalidCertificateRef',
        message: `Secret ${name} must be of type kubernetes.io/tls with tls.crt and tls.key.`,
      };
    }
    if (!isTlsKeyPair(secret.data)) {
      return {
        reason: 'InvalidCertificateRef',
        message: `Secret ${name} does not contain a valid certificate and private key.`,
      };
    }
  }
  return undefined;
}
