import { DevCluster } from '@gatehouse/dev-cluster';
import { startExampleCluster } from '../__testUtils__/devClusterHarness';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { KubernetesObject } from '../manifests';
import { waitForExposure } from './waitForExposure';

const GROUP = 'gateway.networking.k8s.io';

describe('waitForExposure', () => {
  let cluster: DevCluster;
  let client: ClusterClient;
  beforeAll(async () => {
    ({ cluster, client } = await startExampleCluster({
      controllers: {},
      gatewayApi: { version: 'v1.6.1', channel: 'standard' },
    }));
    await client.apply({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'wait-team' },
    });
    await client.apply({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { namespace: 'wait-team', name: 'web' },
      spec: { ports: [{ port: 80 }] },
    });
    await client.apply({
      apiVersion: `${GROUP}/v1`,
      kind: 'Gateway',
      metadata: { namespace: 'wait-team', name: 'gateway' },
      spec: {
        gatewayClassName: 'eg',
        allowedListeners: { namespaces: { from: 'Same' } },
        listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }],
      },
    });
  }, 60_000);
  afterAll(() => cluster.close());

  const listenerSet = (name: string, parentRef: object): KubernetesObject => ({
    apiVersion: `${GROUP}/v1`,
    kind: 'ListenerSet',
    metadata: { namespace: 'wait-team', name },
    spec: {
      parentRef,
      listeners: [
        {
          name: 'web',
          hostname: `${name}.wait.example.org`,
          port: 8080,
          protocol: 'HTTP',
        },
      ],
    },
  });
  const routeTo = (listenerSetName: string): KubernetesObject => ({
    apiVersion: `${GROUP}/v1`,
    kind: 'HTTPRoute',
    metadata: { namespace: 'wait-team', name: listenerSetName },
    spec: {
      parentRefs: [
        {
          group: GROUP,
          kind: 'ListenerSet',
          name: listenerSetName,
          sectionName: 'web',
        },
      ],
      hostnames: [`${listenerSetName}.wait.example.org`],
      rules: [{ backendRefs: [{ name: 'web', port: 80 }] }],
    },
  });
  const logger = { info: () => {} };

  it('is ready once a route on a ListenerSet listener is Accepted and the ListenerSet and its Gateway Programmed', async () => {
    await client.apply(listenerSet('admitted', { name: 'gateway' }));
    const route = routeTo('admitted');
    await client.apply(route);
    const status = await waitForExposure(client, route, {
      timeoutSeconds: 20,
      logger,
    });
    expect(status).toMatch(/^ready: /);
  }, 30_000);

  it('says why when the ListenerSet names a Gateway that does not exist', async () => {
    await client.apply(listenerSet('orphan', { name: 'no-such-gateway' }));
    const route = routeTo('orphan');
    await client.apply(route);
    const status = await waitForExposure(client, route, {
      timeoutSeconds: 2,
      logger,
    });
    expect(status).toMatch(/^not ready after 2s: /);
  }, 30_000);
});
