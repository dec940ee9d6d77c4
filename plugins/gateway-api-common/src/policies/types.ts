/**
 * The shapes of the implementation policies Gatehouse reads (Envoy Gateway v1.9 and NGINX
 * Gateway Fabric v2.6), only the fields it reads, with the CRDs' own field names.
 */
import { Condition, KubernetesObject, LabelSelector } from '../types';
import { PolicyTargetReference } from './targets';

/**
 * A policy's label selector of targets (Envoy Gateway's `targetSelectors`): objects of that
 * group and kind in the policy's namespace whose labels match.
 *
 * @public
 */
export interface PolicyTargetSelector extends LabelSelector {
  group?: string;
  kind?: string;
}

/**
 * One ancestor (usually a Gateway) of a policy's status, with the conditions the controller
 * wrote for it (PolicyAncestorStatus).
 *
 * @public
 */
export interface PolicyAncestorStatus {
  ancestorRef?: {
    group?: string;
    kind?: string;
    namespace?: string;
    name?: string;
    sectionName?: string;
  };
  controllerName?: string;
  conditions?: Condition[];
}

/**
 * An implementation policy attached to Gateway API objects through `targetRef`, `targetRefs`
 * or `targetSelectors`, with the rest of its spec as the implementation defines it.
 *
 * @public
 */
export interface ImplementationPolicy extends KubernetesObject {
  spec?: {
    targetRef?: PolicyTargetReference;
    targetRefs?: PolicyTargetReference[];
    targetSelectors?: PolicyTargetSelector[];
    [field: string]: unknown;
  };
  status?: {
    ancestors?: PolicyAncestorStatus[];
    conditions?: Condition[];
  };
}

/**
 * Envoy Gateway's EnvoyProxy, the parts that say how the Gateway's load balancer is made.
 *
 * @public
 */
export interface EnvoyProxy extends KubernetesObject {
  spec?: {
    mergeGateways?: boolean;
    provider?: {
      type?: string;
      kubernetes?: {
        envoyService?: {
          type?: string;
          annotations?: Record<string, string>;
        };
      };
    };
  };
}

/**
 * Envoy Gateway's ClientTrafficPolicy, the fields about how the client IP arrives.
 *
 * @public
 */
export interface ClientTrafficPolicySpec {
  /** Deprecated in favour of `proxyProtocol`; a PROXY header is then required. */
  enableProxyProtocol?: boolean;
  proxyProtocol?: { optional?: boolean };
  clientIPDetection?: {
    xForwardedFor?: { numTrustedHops?: number; trustedCIDRs?: string[] };
    customHeader?: { name?: string; failClosed?: boolean };
    directSourceIP?: Record<string, unknown>;
  };
}
