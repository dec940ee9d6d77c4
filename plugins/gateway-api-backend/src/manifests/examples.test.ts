import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import { exampleClusterFiles } from './__fixtures__/exampleCluster';
import {
  FAILING_ACME_SUFFIX,
  teamA,
  teamB,
  teamC,
} from './__fixtures__/examples';
import { toYaml } from './index';
import { KubernetesObject } from './types';

const EXAMPLES = path.resolve(__dirname, '../../../../examples/cluster');
const HEADER =
  '# Generated from plugins/gateway-api-backend/src/manifests/__fixtures__/exampleCluster.ts;\n' +
  '# regenerate with GATEHOUSE_WRITE_EXAMPLES=1 yarn test src/manifests/examples\n';

const files = exampleClusterFiles();

if (process.env.GATEHOUSE_WRITE_EXAMPLES) {
  for (const [name, objects] of Object.entries(files)) {
    fs.writeFileSync(path.join(EXAMPLES, name), HEADER + toYaml(objects));
  }
}

function read(name: string): KubernetesObject[] {
  const text = fs.readFileSync(path.join(EXAMPLES, name), 'utf8');
  return parseAllDocuments(text).map(d => d.toJS());
}

describe('examples/cluster', () => {
  it('holds exactly the files the builders generate', () => {
    // The services still on Ingress (4x-ingress-*.yaml) are written by hand: no builder makes
    // Ingresses; nor does one make the policies and their mistakes (9x-policies-*.yaml).
    const yamlFiles = fs
      .readdirSync(EXAMPLES)
      .filter(f => f.endsWith('.yaml') && !/^\d+-(ingress|policies)-/.test(f))
      .sort();
    expect(yamlFiles).toEqual(Object.keys(files).sort());
  });

  it.each(Object.keys(files))('%s equals the builders output', name => {
    expect(read(name)).toEqual(files[name]);
  });

  const all = Object.keys(files).flatMap(read);

  it('has one tenant per layout, owned by Backstage groups', () => {
    const tenants = all.filter(
      o => o.kind === 'Namespace' && o.metadata.name.startsWith('tenant-'),
    );
    expect(
      tenants.map(t => [
        t.metadata.labels?.['gateway-api.gatehouse.dev/layout'],
        t.metadata.annotations?.['gateway-api.gatehouse.dev/owner-group'],
      ]),
    ).toEqual([
      ['dedicated', 'group:default/team-a'],
      ['tenant-shared', 'group:default/team-b'],
      ['cluster-shared', 'group:default/platform'],
    ]);
  });

  it('labels every route and Service for the Backstage Kubernetes plugin', () => {
    const labelled = all.filter(o =>
      ['HTTPRoute', 'TLSRoute', 'Service'].includes(o.kind),
    );
    const redirects = ['http-redirect', 'https-redirect'];
    for (const object of labelled.filter(
      o => !redirects.includes(o.metadata.name),
    )) {
      expect(object.metadata.labels).toHaveProperty([
        'backstage.io/kubernetes-id',
      ]);
    }
  });

  it('leaves status to the simulated controllers', () => {
    for (const object of all) expect(object).not.toHaveProperty('status');
  });

  it('puts the failing ACME hostname inside team-b and expires one certificate soon', () => {
    expect(FAILING_ACME_SUFFIX.endsWith(`.${teamB.domains[0]}`)).toBe(true);
    const hostnames = all.flatMap(o =>
      o.kind === 'HTTPRoute' ? (o.spec as any).hostnames ?? [] : [],
    );
    expect(hostnames).toContain(`broken.${FAILING_ACME_SUFFIX}`);
    const expiring = all.filter(
      o => o.metadata.annotations?.['dev-cluster.gatehouse.dev/lifetime'],
    );
    expect(expiring.map(o => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Certificate/billing.team-c.example.org-tls',
    ]);
  });

  it('keeps every example hostname inside its tenant domains', () => {
    const domains = [teamA, teamB, teamC].flatMap(t => t.domains);
    for (const object of all) {
      for (const hostname of ((object.spec as any)?.hostnames ??
        []) as string[]) {
        expect(
          domains.some(d => hostname.endsWith(`.${d}`) || hostname === d),
        ).toBe(true);
      }
    }
  });

  it('puts the tenant-shared and cluster-shared listeners in ListenerSets in the tenant namespaces', () => {
    const sets = all.filter(o => o.kind === 'ListenerSet');
    expect(sets.map(o => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(
      [
        'tenant-team-b/gateway',
        'tenant-team-b/payments.team-b.example.org',
        'tenant-team-b/broken.fail.team-b.example.org',
        'tenant-team-c/catalog.team-c.example.org',
        'tenant-team-c/billing.team-c.example.org',
      ],
    );
    // The shared Gateway keeps only the platform's http listener.
    const shared = all.find(
      o => o.kind === 'Gateway' && o.metadata.name === 'shared',
    )!;
    expect((shared.spec as any).listeners.map((l: any) => l.name)).toEqual([
      'http',
    ]);
  });

  it('admits routes to every hostname listener from its own tenant namespaces only', () => {
    const tenants = [teamA, teamB, teamC];
    const built = Object.keys(files)
      .filter(name => name !== '90-common-mistakes.yaml')
      .flatMap(read);
    for (const object of built.filter(o =>
      ['Gateway', 'ListenerSet'].includes(o.kind),
    )) {
      const tenant = tenants.find(
        t => t.namespace === object.metadata.namespace,
      );
      for (const listener of (object.spec as any).listeners) {
        if (!listener.hostname || !tenant) continue;
        const allowed = listener.allowedRoutes.namespaces;
        if (allowed.from === 'Same') continue;
        expect(allowed).toEqual({
          from: 'Selector',
          selector: {
            matchExpressions: [
              {
                key: 'kubernetes.io/metadata.name',
                operator: 'In',
                values: [tenant.namespace, ...tenant.attachedNamespaces],
              },
            ],
          },
        });
      }
    }
  });

  it('still shows every common mistake, on the shapes the tenants now use', () => {
    const mistakes = read('90-common-mistakes.yaml');
    const parentOf = (name: string) =>
      (
        mistakes.find(o => o.kind === 'HTTPRoute' && o.metadata.name === name)!
          .spec as any
      ).parentRefs[0];
    // On the platform's http listener, from namespaces it does not admit.
    expect(parentOf('legacy-billing-preview')).toMatchObject({
      sectionName: 'http',
    });
    expect(parentOf('legacy-invoices')).toMatchObject({ sectionName: 'http' });
    // No namespace in the parentRef.
    expect(parentOf('catalog-api-v2')).not.toHaveProperty('namespace');
    // A listener of team-b's ListenerSet, with a backend nobody granted.
    expect(parentOf('payments-reports')).toMatchObject({
      kind: 'ListenerSet',
      namespace: 'tenant-team-b',
    });
  });
});
