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
    // The services still on Ingress (4x-ingress-*.yaml) are written by hand: no builder makes Ingresses.
    const yamlFiles = fs
      .readdirSync(EXAMPLES)
      .filter(f => f.endsWith('.yaml') && !/^\d+-ingress-/.test(f))
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
});
