import {
  Exposure,
  listenerHealth,
  listenerSetHealth,
  StatusSummary,
  TLS_STATE_LEVEL,
  TlsSummary,
  worstStatus,
} from '@gatehouse/backstage-plugin-gateway-api-common';

/** A TLS summary as one of a hostname's statuses, with its foremost hint. */
export function tlsStatus(tls: TlsSummary): StatusSummary {
  return {
    status: TLS_STATE_LEVEL[tls.state] ?? 'unknown',
    summary: tls.summary,
    hint: tls.hints[0],
  };
}

/**
 * The status of a hostname a route serves: the worst (the first of the worst) of its route's,
 * its Gateways', listeners' and ListenerSets' (our analysis standing in where no controller has
 * reported), the Gateway mistakes and ignored policies, the controller's verdict on the
 * policies that apply, its TLS and its tenancy. Read from the exposure alone, so that its TLS
 * summary at another time gives its status then.
 */
export function routeExposureStatus(
  exposure: Omit<Exposure, 'status'>,
): StatusSummary {
  const statuses: StatusSummary[] = [
    exposure.route.status,
    ...exposure.gateways.flatMap(g => [
      g.status,
      // The analysis stands in for a listener no controller has reported on.
      ...(g.listener ? [listenerHealth(g.listener)] : []),
      // The analysis stands in for a ListenerSet no controller has reported on.
      ...(g.listenerSet ? [listenerSetHealth(g.listenerSet)] : []),
      ...(g.ignoredPolicies ?? []),
      ...(g.mistakes ?? []),
    ]),
    // The controller's verdict on the policies that apply, once it gives one (many
    // controllers never report on policies); a Conflicted or overridden one changes nothing
    // here, and is listed with its hint, not counted.
    ...(exposure.policies ?? [])
      .filter(
        p =>
          (p.precedence === 'effective' || p.precedence === 'merged') &&
          p.status.status !== 'unknown',
      )
      .map(p => p.status),
  ];
  if (exposure.tls) statuses.push(tlsStatus(exposure.tls));
  if (exposure.tenancy) statuses.push(exposure.tenancy);
  return worstStatus(statuses);
}
