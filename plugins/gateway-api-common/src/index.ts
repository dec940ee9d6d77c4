/**
 * Types, annotations, permissions and the pure domain logic of the Gatehouse Gateway API plugins.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './permissions';
export * from './types';
export * from './hostname';
export { toUnicodeHostname } from './punycode';
export * from './hostnameMatch';
export * from './tenancy';
export * from './hash';
export * from './names';
export * from './attachment';
export * from './hints';
export * from './conditions';
export * from './policies';
export * from './tls';
export * from './urls';
export * from './exposure';
export * from './tenants';
export * from './ingressMigration';
export * from './servedApis';
export * from './redirectFeatures';
export * from './supportedFeatures';
export * from './clusterProblems';
export * from './ingress';
export * from './exposureCsv';
