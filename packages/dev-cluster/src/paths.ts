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
