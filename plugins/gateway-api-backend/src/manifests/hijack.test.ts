/**
 * The sectionName hijack through the simulated controllers: a namespace outside team-c names
 * team-c's listener on the shared Gateway (or in its ListenerSet) without hostnames. Each
 * listener admits routes only from its tenant's namespaces, so the route attaches nowhere, with
 * or without ListenerSets, and with no admission policy installed.
 */
import { startDevCluster, DevCluster } from '@gatehouse/dev-cluster';
import { ClusterClient } from '../kubernetes/ClusterClient';
import {
  legacyBilling,
  SERVED_V1_4_1,
  SERVED_V1_6_1,
  teamC,
} from './__fixtures__/examples';
import {
  buildExposureObjects,
  buildTenantObjects,
  ENVOY_GATEWAY_CONTROLLER,
  exposureFieldManager,
  KubernetesObject,
} from './index';
import { ServedGatewayApi } from './types';

const cases: Array<
  [
    string,
    { version: 'v1.4.1' | 'v1.6.1'; channel: 'experimental' | 'standard' },
    ServedGatewayApi,
  ]
> = [
  [
    'listeners on the shared Gateway (v1.4.1)',
    { version: 'v1.4.1', channel: 'experimental' },
    SERVED_V1_4_1,
  ],
  [
    'listeners in ListenerSets (v1.6.1)',
    { version: 'v1.6.1', channel: 'standard' },
    SERVED_V1_6_1,
  ],
];

describe.each(cases)('the sectionName hijack, %s', (_, install, served) => {
  let cluster: DevCluster;
  let client: ClusterClient;
  const withListenerSets = served.listenerSet !== undefined;
  const billingParent = withListenerSets
    ? {
        group: 'gateway.networking.k8s.io',
        kind: 'ListenerSet',
        namespace: 'tenant-team-c',
        name: legacyBilling.names.listener,
        sectionName: legacyBilling.names.listener,
      }
    : {
        group: 'gateway.networking.k8s.io',
        kind: 'Gateway',
        namespace: 'gateway',
        name: 'shared',
        sectionName: legacyBilling.names.listener,
      };

  const hijack = (namespace: string): KubernetesObject => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'hijack', namespace },
    spec: {
      parentRefs: [billingParent],
      rules: [{ backendRefs: [{ name: 'evil', port: 80 }] }],
    },
  });

  const parentStatus = async (namespace: string, name: string) => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const route = await client.get<any>({
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        namespace,
        name,
      });
      const accepted = route?.status?.parents?.[0]?.conditions?.find(
        (c: any) => c.type === 'Accepted',
      );
      if (accepted || Date.now() > deadline) return accepted;
      await new Promise(r => setTimeout(r, 100));
    }
  };

  beforeAll(async () => {
    cluster = await startDevCluster({
      seed: [],
      gatewayApi: install,
      controllers: {
        debounceMs: 5,
        gatewayApi: { addressDelayMs: 10 },
        certManager: { stepDelayMs: 10 },
      },
    });
    client = new ClusterClient({
      name: 'dev-cluster',
      url: cluster.url,
      serviceAccountToken: cluster.adminToken,
      skipTLSVerify: true,
    });
    await client.apply({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: 'eg' },
      spec: { controllerName: ENVOY_GATEWAY_CONTROLLER },
    });
    for (const name of ['billing', 'billing-backend', 'intruder']) {
      await client.apply({
        apiVersion: 'v1',
        kind: 'Namespace',
        // The intruder even carries the opt-in label of the shared Gateway.
        metadata: {
          name,
          labels: { [teamC.sharedGateway!.optInLabel.key]: 'true' },
        },
      });
    }
    for (const object of buildTenantObjects(teamC, served)) {
      await client.apply(object);
    }
    for (const object of buildExposureObjects(legacyBilling, teamC, served)) {
      await client.apply(object, {
        fieldManager: exposureFieldManager(legacyBilling.hostname),
      });
    }
    await client.apply(hijack('intruder'));
  }, 120_000);
  afterAll(() => cluster?.close());

  it("attaches team-c's own route to its listener", async () => {
    expect(
      await parentStatus('billing', legacyBilling.names.route),
    ).toMatchObject({ status: 'True' });
  });

  it('leaves the hijacking route unattached: the listener does not admit its namespace', async () => {
    expect(await parentStatus('intruder', 'hijack')).toMatchObject({
      status: 'False',
      reason: 'NotAllowedByListeners',
    });
  });
});
