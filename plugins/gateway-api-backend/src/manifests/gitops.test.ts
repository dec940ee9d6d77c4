import { parse, parseAllDocuments } from 'yaml';
import { catalogApi, legacyBilling, teamC } from './__fixtures__/examples';
import { find } from './__fixtures__/find';
import {
  buildExposureObjects,
  buildTenantObjects,
  mergeAppliedObjects,
  toKustomization,
  toYaml,
} from './index';

const objects = [
  ...buildTenantObjects(teamC),
  ...buildExposureObjects(catalogApi, teamC),
  ...buildExposureObjects(legacyBilling, teamC),
];

describe('GitOps output', () => {
  it('folds the listener patches into the shared Gateway, keyed by listener name', () => {
    const merged = mergeAppliedObjects(objects);
    const gateways = merged.filter(o => o.kind === 'Gateway');
    expect(gateways).toHaveLength(1);
    expect(gateways[0].spec).toMatchObject({ gatewayClassName: 'eg' });
    expect((gateways[0].spec as any).listeners.map((l: any) => l.name)).toEqual(
      ['http', 'catalog.team-c.example.org', 'billing.team-c.example.org'],
    );
  });

  it('replaces a listener applied again under the same name', () => {
    const again = buildExposureObjects(
      { ...catalogApi, names: { ...catalogApi.names, certificate: 'renamed' } },
      teamC,
    );
    const merged = mergeAppliedObjects([...objects, ...again]);
    const listeners = find(merged, 'Gateway', 'shared').spec.listeners;
    expect(listeners).toHaveLength(3);
    expect(listeners[1].tls.certificateRefs).toEqual([
      { group: '', kind: 'Secret', name: 'renamed' },
    ]);
  });

  it('merges the opt-in and attached-to labels into a Namespace that already has labels', () => {
    const merged = mergeAppliedObjects([
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'catalog', labels: { team: 'c' } },
      },
      ...objects,
    ]);
    expect(find(merged, 'Namespace', 'catalog').metadata.labels).toEqual({
      team: 'c',
      'app.kubernetes.io/managed-by': 'gatehouse',
      'gateway-api.gatehouse.dev/attached-to': 'team-c',
      'shared-gateway-access': 'true',
    });
  });

  it('writes one lower-case file per object and a kustomization listing them', () => {
    const files = toKustomization(objects);
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([
        'namespace-tenant-team-c.yaml',
        'gateway-gateway-shared.yaml',
        'certificate-gateway-catalog.team-c.example.org-tls.yaml',
        'httproute-catalog-catalog-api.yaml',
        'referencegrant-billing-backend-legacy-billing-backend.yaml',
        'kustomization.yaml',
      ]),
    );
    const kustomization = parse(files['kustomization.yaml']);
    expect(kustomization.apiVersion).toBe('kustomize.config.k8s.io/v1beta1');
    expect(kustomization.kind).toBe('Kustomization');
    expect(kustomization.resources).toEqual(
      Object.keys(files)
        .filter(f => f !== 'kustomization.yaml')
        .sort(),
    );
    expect(
      parse(files['gateway-gateway-shared.yaml']).spec.listeners,
    ).toHaveLength(3);
  });

  it('prints a multi-document YAML stream that parses back to the objects', () => {
    const docs = parseAllDocuments(toYaml(objects)).map(d => d.toJS());
    expect(docs).toEqual(objects);
  });
});
