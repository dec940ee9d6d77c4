export { startDevCluster } from './devCluster';
export type { DevCluster, DevClusterOptions } from './devCluster';
export type { DevClusterToken, PolicyRule } from './auth/authorizer';
export type { FaultOptions, VerbFault } from './faults/faults';
export type { WriteRecord } from './server/resourceService';
