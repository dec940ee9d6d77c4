/**
 * Gatehouse frontend plugin for the Kubernetes Gateway API.
 *
 * @packageDocumentation
 */
export { gatewayApiPlugin, EntityGatewayApiExposureContent } from './plugin';
export * from './api';
