/**
 * ingress-nginx's 308 through gatewayApi:ingress:migrate, per Gateway API install and per
 * GatewayClass, on the dev cluster with its controllers: kept where the served HTTPRoute takes
 * it and the class lists HTTPRoute308RedirectStatusCode (Envoy Gateway on v1.6.1), written as
 * 301 elsewhere (Cilium; any class on v1.4.1), the report saying which code and why; either way
 * the class's controller Accepts the route.
 */
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { DevCluster, GatewayApiInstall } from '@gatehouse/dev-cluster';
import { exampleCatalog } from '../__testUtils__/catalog';
import {
  permissionsAnswering,
  startExampleCluster,
} from '../__testUtils__/devClusterHarness';
import { eventually } from '../__testUtils__/eventually';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { CILIUM_CONTROLLER, ENVOY_GATEWAY_CONTROLLER } from '../manifests';
import { createMigrateIngressAction } from './migrateIngress';
import { createProvisionTenantAction } from './provisionTenant';

const ROUTE_API = 'gateway.networking.k8s.io/v1';
const CILIUM_TENANT = 'codes-cilium';

/** An Ingress answering every path with permanent-redirect-code 308, without TLS. */
const movedIngress = (namespace: string, host: string) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: {
    name: 'moved',
    namespace,
    annotations: {
      'nginx.ingress.kubernetes.io/permanent-redirect':
        'https://new.example.org/',
      'nginx.ingress.kubernetes.io/permanent-redirect-code': '308',
    },
  },
  spec: {
    ingressClassName: 'nginx',
    rules: [
      {
        host,
        http: {
          paths: [
            {
              path: '/',
              pathType: 'Prefix',
              backend: { service: { name: 'web', port: { number: 8080 } } },
            },
          ],
        },
      },
    ],
  },
});

interface ClassCase {
  what: string;
  tenant: string;
  namespace: string;
  host: string;
  gatewayClass: string;
  controllerName: string;
}

const ENVOY: ClassCase = {
  what: 'Envoy Gateway (tenant-team-a)',
  tenant: 'team-a',
  namespace: 'checkout',
  host: 'moved.team-a.example.org',
  gatewayClass: 'tenant-team-a',
  controllerName: ENVOY_GATEWAY_CONTROLLER,
};
const CILIUM: ClassCase = {
  what: 'Cilium (cilium)',
  tenant: CILIUM_TENANT,
  namespace: `tenant-${CILIUM_TENANT}`,
  host: `moved.${CILIUM_TENANT}.example.org`,
  gatewayClass: 'cilium',
  controllerName: CILIUM_CONTROLLER,
};

const INSTALL_WITHOUT_CODES =
  "the cluster's HTTPRoute takes only the status codes 301 and 302 (Gateway API before v1.5); Gateway API v1.5 or later keeps 308.";
const CILIUM_LACKS_308 =
  'GatewayClass cilium does not list HTTPRoute308RedirectStatusCode among its supportedFeatures, so its controller would refuse the route with 308.';

/** Per install: per class, the code written and, when not 308, why. */
const INSTALLS: Array<
  [
    string,
    GatewayApiInstall,
    Array<{ c: ClassCase; code: 308 | 301; why?: string }>,
  ]
> = [
  [
    'v1.6.1',
    { version: 'v1.6.1', channel: 'standard' },
    [
      { c: ENVOY, code: 308 },
      { c: CILIUM, code: 301, why: CILIUM_LACKS_308 },
    ],
  ],
  [
    'v1.4.1',
    { version: 'v1.4.1', channel: 'standard' },
    [
      { c: ENVOY, code: 301, why: INSTALL_WITHOUT_CODES },
      { c: CILIUM, code: 301, why: INSTALL_WITHOUT_CODES },
    ],
  ],
];

describe.each(INSTALLS)(
  'gatewayApi:ingress:migrate keeps ingress-nginx’s 308 per class, on Gateway API %s',
  (_, install, cases) => {
    let cluster: DevCluster;
    let client: ClusterClient;

    const deps = () => ({
      clients: [client],
      permissions: permissionsAnswering(AuthorizeResult.ALLOW),
      catalog: exampleCatalog(),
    });
    const outputOf = (ctx: { output: unknown }, name: string) =>
      (ctx.output as jest.Mock).mock.calls.find(([n]) => n === name)?.[1];

    beforeAll(async () => {
      ({ cluster, client } = await startExampleCluster({
        gatewayApi: install,
        controllers: {
          debounceMs: 5,
          gatewayApi: { addressDelayMs: 10 },
          certManager: { stepDelayMs: 10 },
          ingressNginx: { enabled: false },
        },
      }));
      // A Cilium tenant beside the examples' Envoy Gateway ones.
      await createProvisionTenantAction(deps()).handler(
        createMockActionContext({
          input: {
            name: CILIUM_TENANT,
            domains: [`${CILIUM_TENANT}.example.org`],
            ownerGroup: `group:default/${CILIUM_TENANT}`,
            layout: 'tenant-shared',
            controllerName: CILIUM_CONTROLLER,
          } as any,
        }) as any,
      );
    }, 120_000);
    afterAll(() => cluster?.close());

    it.each(cases)(
      '$c.what: $code',
      async ({ c, code, why }) => {
        // The class's controller has written its supportedFeatures.
        await eventually(async () => {
          const features = await client.servedApis.supportedFeatures(
            c.gatewayClass,
          );
          expect(features.has('HTTPRoute')).toBe(true);
        });
        await client.apply(movedIngress(c.namespace, c.host));
        const ctx = createMockActionContext({
          input: { tenant: c.tenant, ingress: `${c.namespace}/moved` } as any,
        });
        await createMigrateIngressAction(deps()).handler(ctx as any);
        expect(outputOf(ctx, 'status')).toBe('applied');
        expect(outputOf(ctx, 'routes')).toEqual([
          `HTTPRoute/${c.namespace}/moved`,
        ]);

        const route = await client.get<any>({
          apiVersion: ROUTE_API,
          kind: 'HTTPRoute',
          namespace: c.namespace,
          name: 'moved',
        });
        expect(route.spec.rules[0].filters).toEqual([
          {
            type: 'RequestRedirect',
            requestRedirect: {
              scheme: 'https',
              hostname: 'new.example.org',
              path: { type: 'ReplaceFullPath', replaceFullPath: '/' },
              statusCode: code,
            },
          },
        ]);
        // The class's controller serves it.
        await eventually(async () => {
          const served = await client.get<any>({
            apiVersion: ROUTE_API,
            kind: 'HTTPRoute',
            namespace: c.namespace,
            name: 'moved',
          });
          const parents = (served?.status?.parents ?? []).filter(
            (p: any) => p.controllerName === c.controllerName,
          );
          expect(parents.length).toBeGreaterThan(0);
          for (const parent of parents) {
            expect(
              parent.conditions.find((x: any) => x.type === 'Accepted'),
            ).toMatchObject({ status: 'True' });
          }
        });

        // The report names the code written, and why when it is not ingress-nginx's.
        const report = String(outputOf(ctx, 'report'));
        const line = report
          .split('\n')
          .find(l =>
            l.startsWith(
              '| nginx.ingress.kubernetes.io/permanent-redirect-code |',
            ),
          );
        expect(line).toBe(
          `| nginx.ingress.kubernetes.io/permanent-redirect-code | mapped | RequestRedirect statusCode ${
            code === 308 ? '308' : '301 instead of 308'
          } |`,
        );
        expect(
          report.split('\n').filter(l => l.includes('redirect-status-code')),
        ).toEqual(
          why
            ? [
                `- \`redirect-status-code:permanent-redirect\` (informational): ingress-nginx redirected to https://new.example.org/ with 308; written as 301: ${why} A client following a 301 may turn a POST into a GET, which a 308 forbids.`,
              ]
            : [],
        );
      },
      60_000,
    );
  },
);
