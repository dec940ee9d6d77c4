import http from 'node:http';
import { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { HttpStatusError, KubeHttp } from './kubeHttp';

/** An API server whose every answer the test writes by hand. */
async function handWrittenServer(
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void,
) {
  const server = http.createServer(handler);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name: 'c',
        server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        skipTLSVerify: true,
      },
    ],
    users: [{ name: 'u', token: 'the-token' }],
    contexts: [{ name: 'c', cluster: 'c', user: 'u' }],
    currentContext: 'c',
  });
  return {
    kubeConfig,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
}

describe('KubeHttp', () => {
  let server: Awaited<ReturnType<typeof handWrittenServer>> | undefined;
  afterEach(() => server?.close());

  it('sends the kubeconfig’s credentials and parses the answer', async () => {
    let authorization: string | undefined;
    server = await handWrittenServer((req, res) => {
      authorization = req.headers.authorization;
      res.end(JSON.stringify({ items: [{ metadata: { name: 'a' } }] }));
    });
    const list = await new KubeHttp(server.kubeConfig, 1_000).getJson<{
      items: unknown[];
    }>('/api/v1/namespaces');
    expect(list.items).toEqual([{ metadata: { name: 'a' } }]);
    expect(authorization).toBe('Bearer the-token');
  });

  it('throws the status and the Status body the server refused with', async () => {
    server = await handWrittenServer((_req, res) => {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end('{"kind":"Status","message":"namespaces is forbidden"}');
    });
    const failure: any = await new KubeHttp(server.kubeConfig, 1_000)
      .getJson('/api/v1/namespaces')
      .catch(e => e);
    expect(failure).toBeInstanceOf(HttpStatusError);
    expect(failure.code).toBe(403);
    expect(JSON.parse(failure.body).message).toBe('namespaces is forbidden');
  });

  it('gives up on a page whose body stops coming, with a TimeoutError', async () => {
    server = await handWrittenServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"items":['); // and nothing more
    });
    const failure: any = await new KubeHttp(server.kubeConfig, 200)
      .getJson('/api/v1/namespaces')
      .catch(e => e);
    expect(failure.name).toBe('TimeoutError');
  });

  it('reads watch events split anywhere across chunks, and ends without error when the server does', async () => {
    server = await handWrittenServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const lines =
        '{"type":"ADDED","object":{"metadata":{"name":"a"}}}\n' +
        '{"type":"BOOKMARK","object":{"metadata":{"resourceVersion":"7"}}}\n' +
        '{"type":"DELETED","object":{"metadata":{"name":"a"}}}\n';
      res.write(lines.slice(0, 20));
      setTimeout(() => res.write(lines.slice(20, 70)), 10);
      setTimeout(() => res.end(lines.slice(70)), 20);
    });
    const events: string[] = [];
    const done = await new Promise<unknown>(resolve => {
      new KubeHttp(server!.kubeConfig, 1_000).watch(
        '/api/v1/namespaces?watch=true',
        {
          onEvent: (type, object) =>
            events.push(
              `${type} ${
                object.metadata.name ?? object.metadata.resourceVersion
              }`,
            ),
          onDone: error => resolve(error ?? 'ended'),
        },
      );
    });
    expect(events).toEqual(['ADDED a', 'BOOKMARK 7', 'DELETED a']);
    expect(done).toBe('ended');
  });

  it('ends a watch with an error when the connection is cut, and with the status when refused', async () => {
    server = await handWrittenServer((req, res) => {
      if (req.url?.includes('gone')) {
        res.writeHead(410, { 'content-type': 'application/json' });
        res.end('{"kind":"Status","code":410}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"type":"ADDED","object":{"metadata":{"name":"a"}}}\n');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const watchUntilDone = (path: string) =>
      new Promise<any>(resolve => {
        new KubeHttp(server!.kubeConfig, 1_000).watch(path, {
          onEvent: () => {},
          onDone: resolve,
        });
      });
    const cut = await watchUntilDone('/api/v1/namespaces?watch=true');
    expect(String(cut)).toMatch(/cut|aborted|ECONNRESET|socket hang up/);
    const refused = await watchUntilDone('/api/v1/namespaces?watch=true&gone');
    expect(refused.code).toBe(410);
  });

  it('stops a watch when asked, and says so once', async () => {
    server = await handWrittenServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('\n');
    });
    const done = jest.fn();
    const controller = await new KubeHttp(server.kubeConfig, 1_000).watch(
      '/api/v1/namespaces?watch=true',
      { onEvent: () => {}, onDone: done },
    );
    controller.abort();
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(done).toHaveBeenCalledTimes(1);
  });
});
