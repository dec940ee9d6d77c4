/**
 * The features a GatewayClass's controller says it supports (GEP-2162), as read from the class.
 */

/**
 * The names a GatewayClass lists in `status.supportedFeatures`: objects with a name since Gateway
 * API v1.2, plain strings before. Empty when it lists none (its controller has not reported, or
 * writes none), which callers read as the benefit of the doubt.
 *
 * @public
 */
export function gatewayClassSupportedFeatures(
  gatewayClass: { status?: { supportedFeatures?: unknown } } | undefined,
): string[] {
  const listed = gatewayClass?.status?.supportedFeatures;
  if (!Array.isArray(listed)) return [];
  return listed
    .map(f => (typeof f === 'string' ? f : (f as { name?: unknown })?.name))
    .filter((f): f is string => typeof f === 'string');
}
