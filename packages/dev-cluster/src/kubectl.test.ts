import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  TestCluster,
  gateway,
  gatewaysPath,
  startTestCluster,
} from './__testUtils__/testCluster';

// npm test installs it (packages/toolchain/ensure-kubectl.sh); KUBECTL points at another one.
const kubectlPath = process.env.KUBECTL ?? '/usr/bin/kubectl';
const run = promisify(execFile);

describe('kubectl against the dev cluster', () => {
  it('has kubectl to run', () => {
    expect(fs.existsSync(kubectlPath)).toBe(true);
  });

  let t: TestCluster;
  let dir: string;
  let kubeconfig: string;
  const kubectl = async (...args: string[]) =>
    (await run(kubectlPath, ['--kubeconfig', kubeconfig, ...args])).stdout;

  beforeAll(async () => {
    t = await startTestCluster();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dev-cluster-kubectl-'));
    kubeconfig = path.join(dir, 'kubeconfig');
    fs.writeFileSync(kubeconfig, t.cluster.kubeconfig());
    await t.request('POST', gatewaysPath(), gateway('existing'));
  });
  afterAll(async () => {
    await t.cluster.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gets gateways across namespaces with the CRD printer columns', async () => {
    const out = await kubectl('get', 'gateways', '-A');
    expect(out).toMatch(
      /^NAMESPACE\s+NAME\s+CLASS\s+ADDRESS\s+PROGRAMMED\s+AGE/,
    );
    expect(out).toMatch(/default\s+existing\s+eg/);
    expect(await kubectl('get', 'gtw', '-o', 'name')).toBe(
      'gateway.gateway.networking.k8s.io/existing\n',
    );
  });

  it('watches with printer columns (kubectl get -w)', async () => {
    const watching = run(
      kubectlPath,
      ['--kubeconfig', kubeconfig, 'get', 'gtw', '-w', '--output-watch-events'],
      { timeout: 3000 },
    )
      .then(r => r.stdout)
      .catch((e: { stdout: string }) => e.stdout);
    await new Promise(r => setTimeout(r, 1000));
    await t.request(
      'PATCH',
      `${gatewaysPath()}/existing`,
      { metadata: { labels: { watched: 'yes' } } },
      { contentType: 'application/merge-patch+json' },
    );
    const out = await watching;
    expect(out).toMatch(
      /^EVENT\s+NAME\s+CLASS\s+ADDRESS\s+PROGRAMMED\s+AGE\nADDED\s+existing\s+eg\s/,
    );
    expect(out).toMatch(/\nMODIFIED\s+existing\s+eg\s/);
  });

  it('applies manifests client-side (with server-side field validation) and server-side', async () => {
    const file = path.join(dir, 'gw.yaml');
    fs.writeFileSync(file, JSON.stringify(gateway('applied')));
    expect(await kubectl('apply', '-f', file)).toBe(
      'gateway.gateway.networking.k8s.io/applied created\n',
    );
    expect(await kubectl('apply', '--server-side', '-f', file)).toBe(
      'gateway.gateway.networking.k8s.io/applied serverside-applied\n',
    );
    const got = await t.request('GET', `${gatewaysPath()}/applied`);
    expect(got.body.metadata.managedFields.map((m: any) => m.manager)).toEqual(
      expect.arrayContaining(['kubectl-client-side-apply', 'kubectl']),
    );
  });

  it('applies and re-applies a built-in kind (strategic merge patch)', async () => {
    const file = path.join(dir, 'svc.yaml');
    const svc = (targetPort: number) =>
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web', namespace: 'default' },
        spec: {
          ports: [
            { name: 'http', port: 80, targetPort },
            { name: 'https', port: 443 },
          ],
        },
      });
    fs.writeFileSync(file, svc(8080));
    expect(await kubectl('apply', '-f', file)).toBe('service/web created\n');
    fs.writeFileSync(file, svc(9090));
    expect(await kubectl('apply', '-f', file)).toBe('service/web configured\n');
    expect(await kubectl('get', 'svc', 'web')).toMatch(
      /^NAME\s+TYPE\s+CLUSTER-IP\s+PORT\(S\)\s+AGE\nweb\s+ClusterIP\s+10\.96\.\S+\s+80,443\s/,
    );
    const got = await t.core.readNamespacedService({
      name: 'web',
      namespace: 'default',
    });
    expect(got.spec?.ports?.map(p => [p.name, p.targetPort])).toEqual([
      ['http', 9090],
      ['https', 443],
    ]);
  });

  it('creates built-in kinds with typed commands, which send protobuf', async () => {
    expect(await kubectl('create', 'namespace', 'typed')).toBe(
      'namespace/typed created\n',
    );
    expect(
      await kubectl(
        '-n',
        'typed',
        'create',
        'configmap',
        'cm',
        '--from-literal=a=b',
      ),
    ).toBe('configmap/cm created\n');
    expect(
      await kubectl(
        '-n',
        'typed',
        'create',
        'secret',
        'generic',
        's',
        '--from-literal=k=v',
      ),
    ).toBe('secret/s created\n');
    const secret = await t.core.readNamespacedSecret({
      name: 's',
      namespace: 'typed',
    });
    expect(secret.data).toEqual({ k: Buffer.from('v').toString('base64') });
    const cm = await t.core.readNamespacedConfigMap({
      name: 'cm',
      namespace: 'typed',
    });
    expect(cm.data).toEqual({ a: 'b' });
    expect(await kubectl('delete', 'namespace', 'typed')).toBe(
      'namespace "typed" deleted\n',
    );
  });

  it('shows server validation errors', async () => {
    const file = path.join(dir, 'bad.yaml');
    const bad = gateway('bad');
    bad.spec.listeners[0].port = 0;
    fs.writeFileSync(file, JSON.stringify(bad));
    await expect(kubectl('apply', '-f', file)).rejects.toMatchObject({
      stderr: expect.stringContaining(
        'spec.listeners[0].port: Invalid value: 0',
      ),
    });
  });

  it('prints the warning of a ValidatingAdmissionPolicy bound with Warn, and applies', async () => {
    const admission = '/apis/admissionregistration.k8s.io/v1';
    await t.request('POST', `${admission}/validatingadmissionpolicies`, {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name: 'team-label' },
      spec: {
        matchConstraints: {
          resourceRules: [
            {
              apiGroups: ['gateway.networking.k8s.io'],
              apiVersions: ['*'],
              operations: ['CREATE', 'UPDATE'],
              resources: ['gateways'],
            },
          ],
        },
        validations: [
          {
            expression:
              "has(object.metadata.labels) && 'team' in object.metadata.labels",
            messageExpression:
              "'Gateway ' + object.metadata.name + ' has no team label (' + request.userInfo.username + ')'",
          },
        ],
      },
    });
    await t.request('POST', `${admission}/validatingadmissionpolicybindings`, {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: { name: 'team-label' },
      spec: { policyName: 'team-label', validationActions: ['Warn'] },
    });
    const file = path.join(dir, 'warned.yaml');
    fs.writeFileSync(file, JSON.stringify(gateway('warned')));
    const out = await run(kubectlPath, [
      '--kubeconfig',
      kubeconfig,
      'apply',
      '-f',
      file,
    ]);
    expect(out.stdout).toBe(
      'gateway.gateway.networking.k8s.io/warned created\n',
    );
    expect(out.stderr).toBe(
      "Warning: Validation failed for ValidatingAdmissionPolicy 'team-label' with binding 'team-label': Gateway warned has no team label (admin)\n",
    );
    await t.request(
      'DELETE',
      `${admission}/validatingadmissionpolicybindings/team-label`,
    );
  });

  it('applies an IngressClass and an Ingress, lists them and shows the API server validation', async () => {
    const file = path.join(dir, 'ingress.yaml');
    const ingress = (name: string, pathValue: string, pathType?: string) => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name, namespace: 'default' },
      spec: {
        ingressClassName: 'nginx',
        rules: [
          {
            host: 'shop.example.com',
            http: {
              paths: [
                {
                  path: pathValue,
                  ...(pathType ? { pathType } : {}),
                  backend: { service: { name: 'shop', port: { number: 80 } } },
                },
              ],
            },
          },
        ],
      },
    });
    const classDir = fs.mkdtempSync(path.join(dir, 'ingress-'));
    fs.writeFileSync(
      path.join(classDir, '1-class.json'),
      JSON.stringify({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'IngressClass',
        metadata: { name: 'nginx' },
        spec: { controller: 'k8s.io/ingress-nginx' },
      }),
    );
    fs.writeFileSync(
      path.join(classDir, '2-ingress.json'),
      JSON.stringify(ingress('shop', '/', 'Prefix')),
    );
    expect(await kubectl('apply', '-f', classDir)).toBe(
      'ingressclass.networking.k8s.io/nginx created\ningress.networking.k8s.io/shop created\n',
    );
    expect(await kubectl('get', 'ing', 'shop')).toMatch(
      /^NAME\s+CLASS\s+HOSTS\s+ADDRESS\s+AGE\nshop\s+nginx\s+shop\.example\.com\s+\d+s\n/,
    );
    expect(await kubectl('get', 'ingressclass', 'nginx')).toMatch(
      /^NAME\s+CONTROLLER\s+PARAMETERS\s+AGE\nnginx\s+k8s\.io\/ingress-nginx\s+\d+s\n/,
    );
    fs.writeFileSync(file, JSON.stringify(ingress('bad', '/a//b')));
    await expect(kubectl('apply', '-f', file)).rejects.toMatchObject({
      stderr: expect.stringContaining(
        'spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified',
      ),
    });
    fs.writeFileSync(file, JSON.stringify(ingress('bad', '/a//b', 'Exact')));
    await expect(kubectl('apply', '-f', file)).rejects.toMatchObject({
      stderr: expect.stringContaining(
        `spec.rules[0].http.paths[0].path: Invalid value: "/a//b": must not contain '//'`,
      ),
    });
  });

  it('deletes', async () => {
    expect(await kubectl('delete', 'gateway', 'applied')).toBe(
      'gateway.gateway.networking.k8s.io "applied" deleted\n',
    );
  });
});
