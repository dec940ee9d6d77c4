import {
  ExposureGateway,
  Gateway,
  interpretConditions,
  Listener,
} from '@gatehouse/backstage-plugin-gateway-api-common';

/**
 * A Gateway's name, class, addresses and its own conditions, as the exposure and tenant
 * answers show it. Its listeners are judged one by one ({@link summariseListener}): another
 * hostname's broken listener on a shared Gateway is not this hostname's problem.
 */
export function summariseGateway(
  gateway: Gateway,
): Omit<ExposureGateway, 'listener'> {
  return {
    namespace: gateway.metadata?.namespace ?? '',
    name: gateway.metadata?.name ?? '',
    gatewayClassName: gateway.spec?.gatewayClassName,
    addresses: (gateway.status?.addresses ?? [])
      .map(a => a.value ?? '')
      .filter(Boolean),
    status: interpretConditions(
      'Gateway',
      gateway.status?.conditions,
      gateway.metadata?.generation,
    ),
  };
}

/** One listener of a Gateway with what the controller reported of it. */
export function summariseListener(
  gateway: Gateway,
  listener: Listener,
): NonNullable<ExposureGateway['listener']> {
  const reported = gateway.status?.listeners?.find(
    l => l.name === listener.name,
  );
  return {
    name: listener.name ?? '',
    protocol: listener.protocol ?? '',
    port: listener.port ?? 0,
    hostname: listener.hostname,
    attachedRoutes: reported?.attachedRoutes,
    status: interpretConditions(
      'Listener',
      reported?.conditions,
      gateway.metadata?.generation,
      `Listener "${listener.name}": `,
    ),
  };
}
