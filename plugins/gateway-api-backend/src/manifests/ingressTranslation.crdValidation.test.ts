/**
 * Validates every object the Ingress migration writes for the migration corpus against the real
 * CRDs (OpenAPI schemas and CEL rules) through the dev cluster: HTTPRoute of every Gateway API
 * install it serves (v1.4.1 and v1.6.1, each channel), with Envoy Gateway v1.9.0's policies and
 * cert-manager's Certificate.
 */
import {
  DevCluster,
  GatewayApiInstall,
  gatewayApiInstallCases,
  startDevCluster,
} from '@gatehouse/dev-cluster';
import {
  GeneratedObject,
  MigrationTarget,
  translateIngress,
} from '@gatehouse/backstage-plugin-gateway-api-common';
// The corpus is common's test data, not its public API; the CRDs it is checked against load here.
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import { CORPUS } from '@gatehouse/backstage-plugin-gateway-api-common/src/ingress/__corpus__/cases';
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import { corpusInput } from '@gatehouse/backstage-plugin-gateway-api-common/src/ingress/__corpus__/corpus';

/** Loading and compiling the CRDs takes seconds, more with other suites running. */
const STARTUP_TIMEOUT = 120_000;

/** A Namespace the objects go in. */
/** Any object the test sends: generated ones, Namespaces, and the corpus Ingresses. */
interface Sent {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string };
}

const PLURALS: Record<string, string> = {
  Namespace: 'namespaces',
  Ingress: 'ingresses',
  HTTPRoute: 'httproutes',
  BackendTrafficPolicy: 'backendtrafficpolicies',
  SecurityPolicy: 'securitypolicies',
  Certificate: 'certificates',
};

const uniq = (items: string[]) => [...new Set(items)];

/** What the install's HTTPRoute accepts, as the migration target says it. */
function installFeatures(install: GatewayApiInstall) {
  return {
    // The CORS filter: experimental channel from v1.3, standard from v1.5.
    httpRouteCors:
      install.version !== 'v1.4.1' || install.channel === 'experimental',
    // RequestRedirect 303/307/308: from v1.5, in both channels.
    httpRouteRedirectCodes: install.version !== 'v1.4.1',
  };
}

/** Every corpus case that translates, on both implementations and both TLS choices. */
function translations(
  install: GatewayApiInstall,
): Array<[string, GeneratedObject[]]> {
  const variants: Array<[string, Partial<MigrationTarget>]> = [
    ['', {}],
    ['gateway-api', { implementation: 'gateway-api' }],
    [
      'cert-manager',
      {
        tls: {
          mode: 'cert-manager',
          issuerRef: { kind: 'ClusterIssuer', name: 'letsencrypt' },
        },
      },
    ],
  ];
  const result: Array<[string, GeneratedObject[]]> = [];
  for (const c of CORPUS) {
    for (const [variant, change] of variants) {
      const withInstall = {
        ...c,
        target: {
          ...c.target,
          ...change,
          ...installFeatures(install),
        },
      };
      const first = translateIngress(corpusInput(withInstall));
      const acceptable = first.report.differences
        .filter(d => d.acceptable)
        .map(d => d.id);
      const second = translateIngress(corpusInput(withInstall, acceptable));
      if (second.status === 'translated') {
        result.push([
          `${c.name}${variant ? ` (${variant})` : ''}`,
          second.objects,
        ]);
      }
    }
  }
  return result;
}

describe.each(gatewayApiInstallCases())(
  'Ingress migration output on Gateway API %s',
  (_name, install) => {
    let cluster: DevCluster;
    const cases = translations(install);

    async function create(object: Sent, dryRun: boolean) {
      const apiVersion = object.apiVersion ?? '';
      const ns = object.metadata?.namespace
        ? `/namespaces/${object.metadata.namespace}`
        : '';
      const prefix = apiVersion.includes('/') ? '/apis' : '/api';
      const response = await fetch(
        `${cluster.url}${prefix}/${apiVersion}${ns}/${
          PLURALS[object.kind ?? '']
        }?fieldManager=gatehouse${dryRun ? '&dryRun=All' : ''}`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${cluster.adminToken}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify(object),
        },
      );
      const body = await response.json();
      return { status: response.status, message: body.message as string };
    }

    beforeAll(async () => {
      cluster = await startDevCluster({
        seed: [],
        controllers: false,
        gatewayApi: install,
      });
      for (const name of ['shop', 'gateway']) {
        await create(
          { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
          false,
        );
      }
    }, STARTUP_TIMEOUT);

    afterAll(async () => {
      await cluster?.close();
    });

    it('validates translations of the whole corpus', () => {
      expect(cases.length).toBeGreaterThan(CORPUS.length);
    });

    it('takes its Ingresses from real, valid Ingresses', async () => {
      const ingresses = CORPUS.flatMap(c => [c.ingress, ...(c.others ?? [])]);
      const refused: string[] = [];
      for (const ingress of ingresses) {
        const { status } = await create(ingress, true);
        if (status >= 300) refused.push(ingress.metadata?.name ?? '');
      }
      // Only the case about a host the API server itself refuses (an IP address).
      expect(uniq(refused)).toEqual(['bad-host']);
    });

    it.each([
      ['CORS as the HTTPRoute filter', 'httpRouteCors'],
      ['permanent redirect with code 308', 'httpRouteRedirectCodes'],
    ] as const)(
      'refuses "%s" where the install has no %s',
      async (name, feature) => {
        const c = CORPUS.find(k => k.name === name)!;
        const result = translateIngress(
          corpusInput({
            ...c,
            target: {
              ...c.target,
              httpRouteCors: true,
              httpRouteRedirectCodes: true,
            },
          }),
        );
        const objects = result.status === 'translated' ? result.objects : [];
        const statuses = await Promise.all(
          objects.map(async o => (await create(o, true)).status),
        );
        expect(statuses.map(status => status < 300)).toEqual(
          objects.map(() => installFeatures(install)[feature]),
        );
      },
    );

    it.each(cases)(
      '%s is accepted by every CRD schema and CEL rule',
      async (_, objects) => {
        const failed: string[] = [];
        for (const object of objects) {
          const { status, message } = await create(object, true);
          if (status >= 300) {
            failed.push(
              `${object.kind} ${object.metadata.name}: ${status} ${message}`,
            );
          }
        }
        expect(failed).toEqual([]);
      },
    );
  },
);
