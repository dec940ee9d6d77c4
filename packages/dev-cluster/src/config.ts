import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { DevClusterOptions } from './devCluster';
import { repoRoot } from './paths';

/**
 * Reads a dev-cluster YAML config; relative seed, afterSeed, crdDir and gatewayApi.dir paths are taken
 * from the repo root.
 */
export function readConfig(file: string): DevClusterOptions {
  const config = (parse(fs.readFileSync(file, 'utf8')) ??
    {}) as DevClusterOptions;
  return {
    ...config,
    ...(config.crdDir ? { crdDir: path.resolve(repoRoot, config.crdDir) } : {}),
    ...(config.gatewayApi?.dir
      ? {
          gatewayApi: {
            ...config.gatewayApi,
            dir: path.resolve(repoRoot, config.gatewayApi.dir),
          },
        }
      : {}),
    ...(config.seed
      ? { seed: config.seed.map(s => path.resolve(repoRoot, s)) }
      : {}),
    ...(config.afterSeed
      ? { afterSeed: config.afterSeed.map(s => path.resolve(repoRoot, s)) }
      : {}),
  };
}
