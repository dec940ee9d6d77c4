import fs from 'node:fs';
import path from 'node:path';

/** This package's directory, found through module resolution so it holds in builds too. */
export const packageDir = path.dirname(
  require.resolve('@gatehouse/dev-cluster/package.json'),
);

/** The repository root (packages/dev-cluster is two levels down). */
export const repoRoot = path.resolve(packageDir, '../..');

/**
 * The shared CRDs live next to the repository (`<repo>/../shared/crds`); a clone without
 * them gets the pinned releases in `<repo>/.toolchain/crds/crds` from the quick-start
 * scripts (packages/toolchain/crds.sh), which set GATEHOUSE_CRDS_DIR as well.
 */
export const defaultCrdDir =
  [
    path.resolve(repoRoot, '../shared/crds'),
    path.resolve(repoRoot, '.toolchain/crds/crds'),
  ].find(dir => fs.existsSync(dir)) ?? path.resolve(repoRoot, '../shared/crds');

/** Example data seeded when no seed is given; another part of the repo maintains it. */
export const defaultSeed = path.resolve(repoRoot, 'examples/cluster');

/** NGINX Gateway Fabric's CRDs (its policies and NginxProxy), pinned in packages/toolchain/crds.lock. */
export const NGINX_GATEWAY_FABRIC_CRDS = 'crds-nginx-gateway-fabric-v2.6.7';

/**
 * The folders of implementation CRDs that sit beside `crdDir` (the layout of `../shared/`), those
 * present: a CRD folder given by hand may leave them out, and the cluster then does not serve them.
 */
export function implementationCrdDirs(crdDir: string): string[] {
  return [path.join(path.dirname(crdDir), NGINX_GATEWAY_FABRIC_CRDS)].filter(
    dir => fs.existsSync(dir),
  );
}
