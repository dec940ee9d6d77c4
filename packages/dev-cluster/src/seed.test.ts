import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDevCluster } from './index';
import { TestCluster, startTestCluster } from './__testUtils__/testCluster';

const manifests = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: shared
  namespace: edge
spec:
  gatewayClassName: eg
  listeners:
  - name: http
    port: 80
    protocol: HTTP
---
apiVersion: v1
kind: Namespace
metadata:
  name: edge
  labels:
    team: platform
`;

describe('seeding', () => {
  let dir: string;
  let t: TestCluster;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dev-cluster-seed-'));
    fs.mkdirSync(path.join(dir, 'nested'));
    fs.writeFileSync(path.join(dir, 'nested', 'gateway.yaml'), manifests);
    fs.writeFileSync(
      path.join(dir, 'default.yml'),
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: default\n  labels:\n    seeded: "yes"\n',
    );
    t = await startTestCluster({ seed: [dir, path.join(dir, 'missing.yaml')] });
  });
  afterAll(async () => {
    await t.cluster.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates namespaces first, then the objects in them', async () => {
    const ns = await t.core.readNamespace({ name: 'edge' });
    expect(ns.metadata?.labels).toMatchObject({
      team: 'platform',
      'kubernetes.io/metadata.name': 'edge',
    });
    const gw = await t.request(
      'GET',
      '/apis/gateway.networking.k8s.io/v1/namespaces/edge/gateways/shared',
    );
    expect(gw.status).toBe(200);
    expect(gw.body.metadata.managedFields[0].manager).toBe('dev-cluster-seed');
  });

  it('merges seed metadata into the built-in namespaces', async () => {
    const ns = await t.core.readNamespace({ name: 'default' });
    expect(ns.metadata?.labels?.seeded).toBe('yes');
  });

  it('starts the write record empty', () => {
    expect(t.cluster.writes).toEqual([]);
  });

  it('refuses to start when a seed object is invalid, naming the file and object', async () => {
    const bad = path.join(dir, 'bad.yaml');
    fs.writeFileSync(
      bad,
      'apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata:\n  name: broken\nspec:\n  controllerName: no-slash\n',
    );
    await expect(
      startDevCluster({ controllers: false, seed: [bad] }),
    ).rejects.toThrow(
      /^seed file .*bad\.yaml: GatewayClass broken: GatewayClass\.gateway\.networking\.k8s\.io "broken" is invalid: spec\.controllerName/,
    );
  });

  it('skips an object of a kind the cluster does not serve, with one line naming it', async () => {
    const unknown = path.join(dir, 'unknown.yaml');
    fs.writeFileSync(
      unknown,
      'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: after-widget\n',
    );
    const log: string[] = [];
    const cluster = await startDevCluster({
      controllers: false,
      seed: [unknown],
      gatewayApi: { version: 'v1.6.1', channel: 'experimental' },
      log: line => log.push(line),
    });
    try {
      expect(log).toEqual([
        `seed file ${unknown}: Widget w not loaded: Gateway API v1.6.1/experimental does not serve example.com/v1 Widget`,
      ]);
      const res = await fetch(`${cluster.url}/api/v1/namespaces/after-widget`, {
        headers: { Authorization: `Bearer ${cluster.adminToken}` },
      });
      expect(res.status).toBe(200);
    } finally {
      await cluster.close();
    }
  });
});
