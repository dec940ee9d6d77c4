import { KubeObject, objectKey } from '../kube/types';
import { assignAddresses } from './addresses';
import { GatewayAddress, requestedAddresses } from './gateways';

export interface AddressRequestInput {
  gateway: KubeObject;
  /** Gateways with the same key share one LoadBalancer Service (and address). */
  infrastructure: string;
  /** Its load balancer is up, so it may get an address from the pool. */
  ready: boolean;
}

export interface GatewayAddresses {
  /** Addresses by Gateway `namespace/name`. */
  assigned: Map<string, GatewayAddress[]>;
  /** Some Gateway still waits for its load balancer. */
  awaiting: boolean;
}

/** The infrastructure key: per class for Envoy Gateway's mergeGateways, else per Gateway. */
export function infrastructureKey(
  gateway: KubeObject,
  mergeGateways: boolean,
): string {
  return mergeGateways
    ? `class/${gateway.spec.gatewayClassName}`
    : `gateway/${objectKey(gateway)}`;
}

/**
 * The addresses of accepted Gateways: `spec.addresses` as requested, else
 * one address from the pool per infrastructure, kept across passes (the
 * current address is read back from the Gateways' status).
 */
export function gatewayAddresses(
  inputs: AddressRequestInput[],
  pool: string[],
): GatewayAddresses {
  const assigned = new Map<string, GatewayAddress[]>();
  const requests = new Map<string, { current?: string; ready: boolean }>();
  const fromPool: AddressRequestInput[] = [];
  for (const input of inputs) {
    const requested = requestedAddresses(input.gateway);
    if (requested.length > 0) {
      assigned.set(objectKey(input.gateway), requested);
      continue;
    }
    fromPool.push(input);
    const request = requests.get(input.infrastructure) ?? { ready: false };
    const current: string | undefined =
      input.gateway.status?.addresses?.[0]?.value;
    request.current ??= current && pool.includes(current) ? current : undefined;
    request.ready ||= input.ready;
    requests.set(input.infrastructure, request);
  }
  const poolAddresses = assignAddresses(
    [...requests]
      .filter(([, r]) => r.ready || r.current)
      .map(([key, r]) => ({ key, current: r.current })),
    pool,
  );
  let awaiting = false;
  for (const { gateway, infrastructure } of fromPool) {
    const address = poolAddresses.get(infrastructure);
    if (address) {
      assigned.set(objectKey(gateway), [{ type: 'IPAddress', value: address }]);
    } else if (!poolAddresses.has(infrastructure)) {
      awaiting = true;
    }
  }
  return { assigned, awaiting };
}
