import { DevCluster, startDevCluster } from '../../index';
import { KubeClient } from './client';
import { Informer } from './informer';
import { ResourceType, resources } from './resources';
import { KubeObject } from './types';

let cluster: DevCluster;
let client: KubeClient;
const started: Informer[] = [];

beforeAll(async () => {
  // The experimental channel serves TLSRoute at v1alpha2 too, which the fallback test reads.
  cluster = await startDevCluster({
    seed: [],
    controllers: false,
    gatewayApi: { version: 'v1.6.1', channel: 'experimental' },
  });
  client = new KubeClient(cluster.url, cluster.adminToken);
});

afterEach(async () => {
  cluster.setFaults({});
  await Promise.all(started.splice(0).map(i => i.stop()));
});

afterAll(async () => {
  await cluster?.close();
});

function service(name: string, port = 80): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default' },
    spec: { ports: [{ port }] },
  };
}

function startInformer(type: ResourceType = resources.services) {
  let changes = 0;
  const informer = new Informer(client, type, {
    retryDelayMs: 20,
    onChange: () => changes++,
  });
  informer.start();
  started.push(informer);
  return { informer, changes: () => changes };
}

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}

const names = (informer: Informer) =>
  informer
    .list()
    .map(o => o.metadata.name)
    .sort();

describe('KubeClient', () => {
  it('lists page by page', async () => {
    for (const name of ['page-a', 'page-b', 'page-c']) {
      await client.create(resources.services, service(name));
    }
    const { items, resourceVersion } = await client.list(
      resources.services,
      'v1',
      undefined,
      2,
    );
    expect(items.map(i => i.metadata.name)).toEqual(
      expect.arrayContaining(['page-a', 'page-b', 'page-c']),
    );
    expect(resourceVersion).toMatch(/^\d+$/);
  });

  it('writes the status subresource with a merge patch', async () => {
    const created = await client.create(resources.gatewayClasses, {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: 'patched' },
      spec: { controllerName: 'example.com/x' },
    });
    const status = {
      conditions: [
        {
          type: 'Accepted',
          status: 'True',
          reason: 'Accepted',
          message: 'ok',
          lastTransitionTime: '2026-01-01T00:00:00Z',
        },
      ],
    };
    const patched = await client.patchStatus(
      resources.gatewayClasses,
      created,
      status,
    );
    expect(patched.status.conditions).toEqual(status.conditions);
    // The stale copy's resourceVersion no longer matches.
    await expect(
      client.patchStatus(resources.gatewayClasses, created, {}),
    ).rejects.toMatchObject({ status: 409 });
  });
});

describe('Informer', () => {
  it('lists, then follows additions, changes and deletions', async () => {
    await client.create(resources.services, service('before'));
    const { informer } = startInformer();
    await until(() => names(informer).includes('before'));
    expect(informer.hasSynced).toBe(true);

    const during = await client.create(resources.services, service('during'));
    await until(() => names(informer).includes('during'));
    await client.replace(resources.services, {
      ...during,
      spec: { ...during.spec, ports: [{ port: 8080 }] },
    });
    await until(
      () =>
        informer.list().find(o => o.metadata.name === 'during')?.spec.ports[0]
          .port === 8080,
    );
    await client.delete(resources.services, during);
    await until(() => !names(informer).includes('during'));
  });

  it('lists again after 410 Gone and after dropped streams', async () => {
    // The first watch gets 410 Gone; later ones end after 50 ms.
    cluster.setFaults({ dropWatchesAfterMs: 50, goneOnNextWatch: true });
    const { informer, changes } = startInformer();
    // Each list reports a change: the first, after the 410, after a drop.
    await until(() => changes() >= 3);
    await client.create(resources.services, service('after-faults'));
    await until(() => names(informer).includes('after-faults'));
    expect(names(informer)).toContain('after-faults');
  });

  it('keeps going when lists fail for a while', async () => {
    cluster.setFaults({ errors: { list: { rate: 1, code: 500 } } });
    const { informer } = startInformer();
    await new Promise(resolve => setTimeout(resolve, 60));
    expect(informer.hasSynced).toBe(false);
    cluster.setFaults({});
    await until(() => informer.hasSynced);
  });

  it('falls back to the next served version', async () => {
    const { informer } = startInformer({
      ...resources.tlsRoutes,
      versions: ['v9', 'v1alpha2'],
    });
    await until(() => informer.hasSynced);
    expect(informer.apiVersion).toBe('gateway.networking.k8s.io/v1alpha2');
  });

  it('counts a resource that is not served as synced and empty', async () => {
    const { informer, changes } = startInformer({
      group: 'example.com',
      versions: ['v1'],
      plural: 'widgets',
      kind: 'Widget',
      namespaced: true,
    });
    await until(() => informer.hasSynced);
    expect(informer.list()).toEqual([]);
    expect(informer.served).toBe(false);
    expect(changes()).toBe(1);
  });

  it('says a resource it listed is served', async () => {
    const { informer } = startInformer();
    await until(() => informer.hasSynced);
    expect(informer.served).toBe(true);
  });
});
