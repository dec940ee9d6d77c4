export { startDevCluster } from './devCluster';
export type { DevCluster, DevClusterOptions } from './devCluster';
export type {
  DevClusterCertificateUser,
  DevClusterToken,
  PolicyRule,
} from './auth/authorizer';
export type { CertificateIdentity, KeyPairPems } from './auth/pki';
export type { FaultOptions, VerbFault } from './faults/faults';
export type { WriteRecord } from './server/resourceService';
export {
  DEFAULT_GATEWAY_API_INSTALL,
  GATEWAY_API_ENV,
  GATEWAY_API_CRDS_DIR_ENV,
  GATEWAY_API_INSTALLS,
  gatewayApiInstallCases,
  gatewayApiInstallName,
  parseGatewayApiInstall,
} from './gatewayApiInstall';
export type {
  GatewayApiChannel,
  GatewayApiInstall,
  GatewayApiVersion,
} from './gatewayApiInstall';
