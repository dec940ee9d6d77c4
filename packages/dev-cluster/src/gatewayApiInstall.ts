import path from 'node:path';

export type GatewayApiVersion = 'v1.4.1' | 'v1.6.1';
export type GatewayApiChannel = 'standard' | 'experimental';

/** One Gateway API release channel as a cluster installs it: exactly that folder's CRDs. */
export interface GatewayApiInstall {
  version: GatewayApiVersion;
  channel: GatewayApiChannel;
  /**
   * The folder of this install's CRD YAML; default: derived from the version and channel
   * next to `crdDir` (see gatewayApiCrdDir), or env GATEHOUSE_GATEWAY_API_CRDS_DIR.
   */
  dir?: string;
}

/** Every install the dev cluster can serve, oldest first. */
export const GATEWAY_API_INSTALLS: readonly GatewayApiInstall[] = [
  { version: 'v1.4.1', channel: 'standard' },
  { version: 'v1.4.1', channel: 'experimental' },
  { version: 'v1.6.1', channel: 'standard' },
  { version: 'v1.6.1', channel: 'experimental' },
];

/** The install served when neither the options nor GATEHOUSE_GATEWAY_API name one. */
export const DEFAULT_GATEWAY_API_INSTALL: GatewayApiInstall = {
  version: 'v1.6.1',
  channel: 'standard',
};

/** Environment variable naming the install, as `<version>/<channel>` (e.g. `v1.6.1/standard`). */
export const GATEWAY_API_ENV = 'GATEHOUSE_GATEWAY_API';

/** Environment variable naming the install's CRD folder, overriding the derived one. */
export const GATEWAY_API_CRDS_DIR_ENV = 'GATEHOUSE_GATEWAY_API_CRDS_DIR';

/** `v1.6.1/experimental`: how installs are named in the env, logs and test titles. */
export function gatewayApiInstallName(install: GatewayApiInstall): string {
  return `${install.version}/${install.channel}`;
}

/**
 * `[name, install]` pairs for a test table, e.g.
 * `describe.each(gatewayApiInstallCases())('on Gateway API %s', (_name, install) => ...)`
 * with `startDevCluster({ gatewayApi: install })` inside.
 */
export function gatewayApiInstallCases(): Array<[string, GatewayApiInstall]> {
  return GATEWAY_API_INSTALLS.map(i => [gatewayApiInstallName(i), { ...i }]);
}

/** Parses `<version>/<channel>`; throws naming the installs it knows. */
export function parseGatewayApiInstall(text: string): GatewayApiInstall {
  const known = GATEWAY_API_INSTALLS.find(
    i => gatewayApiInstallName(i) === text.trim(),
  );
  if (!known) {
    throw new Error(
      `unknown Gateway API install "${text}": expected one of ${GATEWAY_API_INSTALLS.map(
        gatewayApiInstallName,
      ).join(', ')}`,
    );
  }
  return { ...known };
}

/** Checks an install given in options or YAML config. */
export function checkGatewayApiInstall(
  install: Partial<GatewayApiInstall>,
): GatewayApiInstall {
  const parsed = parseGatewayApiInstall(
    `${install.version}/${install.channel}`,
  );
  return install.dir ? { ...parsed, dir: install.dir } : parsed;
}

/** The install to serve: the given one, else GATEHOUSE_GATEWAY_API, else the default. */
export function resolveGatewayApiInstall(
  given: Partial<GatewayApiInstall> | undefined,
  env: NodeJS.ProcessEnv = process.env,
): GatewayApiInstall {
  let install: GatewayApiInstall = { ...DEFAULT_GATEWAY_API_INSTALL };
  if (given) install = checkGatewayApiInstall(given);
  else if (env[GATEWAY_API_ENV])
    install = parseGatewayApiInstall(env[GATEWAY_API_ENV]!);
  const dir = install.dir ?? env[GATEWAY_API_CRDS_DIR_ENV];
  return dir ? { ...install, dir } : install;
}

/**
 * The folder of an install's CRDs. `crdDir` is the shared CRD folder (cert-manager,
 * envoy-gateway, gateway-api = v1.4.1); later releases sit beside it as
 * `crds-gateway-api-<version>`.
 */
export function gatewayApiCrdDir(
  install: GatewayApiInstall,
  crdDir: string,
): string {
  if (install.dir) return path.resolve(install.dir);
  return install.version === 'v1.4.1'
    ? path.join(crdDir, 'gateway-api', install.channel)
    : path.join(
        path.dirname(crdDir),
        `crds-gateway-api-${install.version}`,
        install.channel,
      );
}
