import https from 'node:https';
import net from 'node:net';
import { AddressInfo } from 'node:net';
import { DevCluster, startDevCluster } from '@gatehouse/dev-cluster';
import { ClusterClient } from './ClusterClient';
import { GatewayApiCluster } from './GatewayApiCluster';
import { KeepAliveAgents } from './keepAliveAgents';

/** A TCP relay in front of the dev cluster's HTTPS side that counts the connections made to it. */
async function countingRelay(target: URL) {
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer(client => {
    connections++;
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => connections,
    close: () => {
      sockets.forEach(s => s.destroy());
      return new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
}

describe('ClusterClient connections', () => {
  let cluster: DevCluster;
  let relay: Awaited<ReturnType<typeof countingRelay>>;

  beforeAll(async () => {
    cluster = await startDevCluster({ seed: [], controllers: false });
  }, 120_000);
  afterAll(() => cluster.close());
  beforeEach(async () => {
    relay = await countingRelay(new URL(cluster.httpsUrl));
  });
  afterEach(() => relay.close());

  const clientOf = (overrides: Partial<GatewayApiCluster> = {}) =>
    new ClusterClient(
      {
        name: 'dev',
        url: relay.url,
        caData: cluster.caData,
        serviceAccountToken: cluster.adminToken,
        skipTLSVerify: false,
        ...overrides,
      },
      { pageSize: 2 },
    );

  const namespaces = (client: ClusterClient, count: number) =>
    Promise.all(
      Array.from({ length: count }, (_, i) =>
        client.apply({
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: `keep-alive-${i}` },
        }),
      ),
    );

  it('sends one request after another over one TLS connection, pages included', async () => {
    const client = clientOf();
    await namespaces(client, 6);
    const opened = relay.connections();
    for (let i = 0; i < 5; i++) {
      await client.get({
        apiVersion: 'v1',
        kind: 'Namespace',
        name: 'keep-alive-0',
      });
    }
    // Pages of two: at least three requests for six namespaces.
    const { items } = await client.listWithVersion('v1', 'Namespace');
    expect(items.length).toBeGreaterThanOrEqual(6);
    expect(relay.connections()).toBe(opened);
    expect(opened).toBeLessThanOrEqual(6);
  });

  it('keeps the watch on its own connection and the requests beside it on one more', async () => {
    const client = clientOf();
    const { resourceVersion } = await client.listWithVersion('v1', 'Namespace');
    const before = relay.connections();
    const events: string[] = [];
    const watch = await client.watch(
      '/api/v1/namespaces',
      { resourceVersion, timeoutSeconds: 30 },
      (phase, object) => events.push(`${phase} ${object?.metadata?.name}`),
      () => {},
    );
    for (let i = 0; i < 3; i++) {
      await client.apply({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: `watched-${i}` },
      });
    }
    for (let i = 0; i < 100 && events.length < 3; i++) {
      await new Promise(r => setTimeout(r, 20));
    }
    watch.abort();
    expect(events).toEqual([
      'ADDED watched-0',
      'ADDED watched-1',
      'ADDED watched-2',
    ]);
    expect(relay.connections() - before).toBeLessThanOrEqual(2);
  });

  it('still verifies the server: a client without the CA is refused, pooled or not', async () => {
    const client = clientOf({ caData: undefined });
    await expect(
      client.get({ apiVersion: 'v1', kind: 'Namespace', name: 'default' }),
    ).rejects.toThrow(/certificate|self.signed/i);
  });
});

describe('KeepAliveAgents', () => {
  it('gives one keep-alive agent for equal TLS options and a new one when they change', () => {
    const agents = new KeepAliveAgents();
    const first = agents.pooled(
      new https.Agent({ ca: 'CA-1', rejectUnauthorized: true }),
    );
    const again = agents.pooled(
      new https.Agent({ ca: 'CA-1', rejectUnauthorized: true }),
    );
    expect(again).toBe(first);
    expect((first as unknown as { keepAlive: boolean }).keepAlive).toBe(true);
    const rotated = agents.pooled(
      new https.Agent({ ca: 'CA-1', cert: Buffer.from('new certificate') }),
    );
    expect(rotated).not.toBe(first);
    expect(
      (rotated as unknown as { options: https.AgentOptions }).options.cert,
    ).toEqual(Buffer.from('new certificate'));
    const unverified = agents.pooled(
      new https.Agent({ ca: 'CA-1', rejectUnauthorized: false }),
    );
    expect(unverified).not.toBe(rotated);
  });

  it('leaves a proxy agent (a subclass) as it is', () => {
    class ProxyAgent extends https.Agent {}
    const proxy = new ProxyAgent();
    expect(new KeepAliveAgents().pooled(proxy)).toBe(proxy);
  });
});
