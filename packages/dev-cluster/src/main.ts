/* eslint-disable no-console */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startDevCluster } from './devCluster';
import { readConfig } from './config';
import { packageDir } from './paths';
import { gatewayApiInstallName } from './gatewayApiInstall';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      config: {
        type: 'string',
        default: path.join(packageDir, 'dev-cluster.yaml'),
      },
      kubeconfig: { type: 'string' },
      port: { type: 'string' },
    },
  });
  const options = fs.existsSync(values.config!)
    ? readConfig(values.config!)
    : {};
  if (values.port !== undefined) options.port = Number(values.port);
  const cluster = await startDevCluster(options);
  if (values.kubeconfig) {
    fs.writeFileSync(values.kubeconfig, cluster.kubeconfig(), { mode: 0o600 });
    console.log(`kubeconfig written to ${values.kubeconfig}`);
  }
  console.log(
    `dev cluster listening on ${
      cluster.url
    } (Gateway API ${gatewayApiInstallName(cluster.gatewayApi)})`,
  );
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await cluster.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(error => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
