import { mockServices } from '@backstage/backend-test-utils';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { KINDS } from '../kubernetes/kinds';
import { ObjectInformer } from './ObjectInformer';

/**
 * A cluster whose watches take a while to connect, as they do over a busy network: each
 * watch resolves only when the test lets it, and the test sees whether it was closed since.
 */
function slowWatchClient() {
  const watches: Array<{
    connect: () => void;
    controller: AbortController;
    onEvent: (phase: string, object: any) => void;
  }> = [];
  const kind = KINDS.HTTPRoute;
  const client = {
    name: 'slow',
    servedApis: {
      kind: async () => ({
        ...kind,
        version: 'v1',
        apiVersion: 'gateway.networking.k8s.io/v1',
        servedVersions: ['v1'],
        path: '/apis/gateway.networking.k8s.io/v1/httproutes',
      }),
      invalidate: () => {},
    },
    listCollection: async () => ({
      items: [
        {
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'HTTPRoute',
          metadata: { name: 'listed', namespace: 'apps', resourceVersion: '1' },
        },
      ],
      resourceVersion: '1',
    }),
    watch: (
      _path: string,
      _options: unknown,
      onEvent: (phase: string, object: any) => void,
    ) =>
      new Promise<AbortController>(resolve => {
        const controller = new AbortController();
        watches.push({
          connect: () => resolve(controller),
          controller,
          onEvent,
        });
      }),
  };
  return { client: client as unknown as ClusterClient, watches };
}

const flush = () => new Promise(resolve => setImmediate(resolve));

describe('ObjectInformer', () => {
  it('closes a watch that connects after the informer was stopped', async () => {
    const { client, watches } = slowWatchClient();
    const informer = new ObjectInformer(client, 'HTTPRoute', {
      logger: mockServices.logger.mock(),
      onEvent: () => {},
    });
    informer.start();
    await informer.waitForSync();
    await flush();
    expect(watches).toHaveLength(1);

    informer.stop();
    watches[0].connect();
    await flush();

    expect(watches[0].controller.signal.aborted).toBe(true);
  });

  it('keeps a watch that connects while it runs, and ignores one a relist replaced', async () => {
    const { client, watches } = slowWatchClient();
    const events: string[] = [];
    const informer = new ObjectInformer(client, 'HTTPRoute', {
      logger: mockServices.logger.mock(),
      onEvent: e => events.push(`${e.type} ${e.object?.metadata?.name ?? ''}`),
      resyncMs: 10,
    });
    informer.start();
    await informer.waitForSync();
    await flush();
    // The resync relists while the first watch is still connecting.
    await new Promise(resolve => setTimeout(resolve, 30));
    informer.stop();
    expect(watches.length).toBeGreaterThanOrEqual(1);
    const [first] = watches;
    first.connect();
    await flush();
    first.onEvent('ADDED', {
      metadata: { name: 'late', namespace: 'apps', resourceVersion: '2' },
    });
    expect(first.controller.signal.aborted).toBe(true);
    expect(events).not.toContain('ADDED late');
    expect(informer.list().map(o => o.metadata?.name)).toEqual(['listed']);
  });

  it('holds on to a watch that connects before a stop, and closes it at the stop', async () => {
    const { client, watches } = slowWatchClient();
    const informer = new ObjectInformer(client, 'HTTPRoute', {
      logger: mockServices.logger.mock(),
      onEvent: () => {},
    });
    informer.start();
    await informer.waitForSync();
    await flush();
    watches[0].connect();
    await flush();
    expect(watches[0].controller.signal.aborted).toBe(false);
    informer.stop();
    expect(watches[0].controller.signal.aborted).toBe(true);
  });
});
