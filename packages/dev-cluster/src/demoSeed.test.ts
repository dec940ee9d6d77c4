import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { readConfig } from './config';
import { packageDir } from './paths';
import { TestCluster, startTestCluster } from './__testUtils__/testCluster';

// npm test installs it (packages/toolchain/ensure-kubectl.sh); KUBECTL points at another one.
const kubectlPath = process.env.KUBECTL ?? '/usr/bin/kubectl';
const run = promisify(execFile);

const TENANT_LABEL = 'gateway-api.gatehouse.dev/tenant';
const routesPath = (namespace: string) =>
  `/apis/gateway.networking.k8s.io/v1/namespaces/${namespace}/httproutes`;

/**
 * The demo cluster as `npm start` runs it (dev-cluster.yaml): the examples seeded, then the
 * guard policies installed, so the examples' mistakes exist and the tenants' own writes are
 * judged from the start.
 */
describe('the demo cluster (dev-cluster.yaml)', () => {
  const config = readConfig(path.join(packageDir, 'dev-cluster.yaml'));
  const tokenOf = (username: string) =>
    config.tokens!.find(token => token.username === username)!.token;
  let t: TestCluster;
  let dir: string;

  beforeAll(async () => {
    t = await startTestCluster({ ...config, port: 0, controllers: false });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dev-cluster-demo-'));
  }, 60_000);
  afterAll(async () => {
    await t.cluster.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('installs the guard policies after the seed', async () => {
    const { body } = await t.request(
      'GET',
      '/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicybindings',
    );
    expect(body.items.map((b: any) => b.metadata.name)).toEqual(
      expect.arrayContaining([
        'gatehouse-tenant-metadata',
        'gatehouse-route-hostnames',
      ]),
    );
    // A route of team-c serving a hostname of team-a: one of the example mistakes, loaded
    // because the policies came after it; the same route written now is refused.
    const mistake = await t.request(
      'GET',
      `${routesPath('billing')}/legacy-invoices`,
    );
    expect(mistake.status).toBe(200);
    expect(mistake.body.spec.hostnames).toEqual([
      'invoices.team-a.example.org',
    ]);
    const again = await t.request(
      'POST',
      routesPath('billing'),
      {
        ...mistake.body,
        metadata: { name: 'legacy-invoices-again', namespace: 'billing' },
      },
      { token: tokenOf('team-c-dev') },
    );
    expect(again.status).toBeGreaterThanOrEqual(400);
    expect(again.body.message).toMatch(/gatehouse-route-hostnames/);
  });

  it('refuses a tenant relabelling its own namespace, through the API and kubectl, and changes nothing', async () => {
    const namespace = '/api/v1/namespaces/tenant-team-a';
    const relabel = await t.request(
      'PATCH',
      namespace,
      { metadata: { labels: { [TENANT_LABEL]: 'team-b' } } },
      {
        token: tokenOf('team-a-dev'),
        contentType: 'application/merge-patch+json',
      },
    );
    expect(relabel.status).toBeGreaterThanOrEqual(400);
    expect(relabel.body.message).toMatch(/gatehouse-tenant-metadata/);

    const kubeconfig = path.join(dir, 'team-a');
    fs.writeFileSync(kubeconfig, t.cluster.kubeconfig(tokenOf('team-a-dev')));
    const kubectl = run(kubectlPath, [
      '--kubeconfig',
      kubeconfig,
      'label',
      'namespace',
      'tenant-team-a',
      `${TENANT_LABEL}=team-b`,
      '--overwrite',
    ]);
    await expect(kubectl).rejects.toMatchObject({
      stderr: expect.stringMatching(/gatehouse-tenant-metadata/),
    });

    // Its own other labels are its to change: the refusal is the policy's, not RBAC's.
    const own = await t.request(
      'PATCH',
      namespace,
      { metadata: { labels: { 'team-a.example.org/note': 'mine' } } },
      {
        token: tokenOf('team-a-dev'),
        contentType: 'application/merge-patch+json',
      },
    );
    expect(own.status).toBe(200);
    const { body } = await t.request('GET', namespace);
    expect(body.metadata.labels[TENANT_LABEL]).toBe('team-a');
  });
});
