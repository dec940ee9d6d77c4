import http from 'node:http';
import https from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';

/** What a failed request carries, in the shape client-node's exceptions have. */
export class HttpStatusError extends Error {
  constructor(
    readonly code: number,
    readonly body: string,
    readonly headers: Record<string, string>,
  ) {
    super(`HTTP ${code}`);
    this.name = 'HttpStatusError';
  }
}

/** The parts of a watch the caller hears. */
export interface WatchHandlers {
  /** Every event as the server sent it, `ERROR` and `BOOKMARK` included. */
  onEvent: (type: string, object: any) => void;
  /** Once: with no error when the server ended the watch (at `timeoutSeconds`). */
  onDone: (error?: unknown) => void;
}

const headersOf = (response: http.IncomingMessage): Record<string, string> =>
  Object.fromEntries(
    Object.entries(response.headers).map(([k, v]) => [k, String(v)]),
  );

/**
 * Lists and watches, the bulk of what Gatehouse reads, over node's HTTP client with the
 * kubeconfig's credentials and agent (client-node authenticates every request, token plugins
 * and client certificates included). client-node's own paths cost more than they carry here:
 * its list goes through node-fetch and a model serializer (1.5x the CPU of a plain GET and
 * JSON.parse at 200k objects), and its watch leaves an `AbortSignal.any` of a timeout behind
 * on every connection, which Node keeps for good, with what the stack held when it aborted.
 */
export class KubeHttp {
  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly timeoutMs: number,
  ) {}

  /** GET a JSON document; a non-2xx answer throws {@link HttpStatusError}. */
  async getJson<T>(path: string): Promise<T> {
    // The timeout spans the whole page, body included.
    const { response, answered, timedOut } = await this.request(path);
    const text = await readBody(response, timedOut).finally(answered);
    const status = response.statusCode ?? 0;
    if (status < 200 || status >= 300) {
      throw new HttpStatusError(status, text, headersOf(response));
    }
    return JSON.parse(text) as T;
  }

  /**
   * Opens a watch (`path` with its query); resolves once the server answered with the
   * controller that ends it. An answer other than 200 ends it at once with
   * {@link HttpStatusError}.
   */
  async watch(path: string, handlers: WatchHandlers): Promise<AbortController> {
    const controller = new AbortController();
    let done = false;
    const finish = (error?: unknown) => {
      if (done) return;
      done = true;
      controller.abort();
      handlers.onDone(error);
    };
    try {
      // No timeout past the headers: a watch stays open for as long as the server keeps it.
      const { response, answered } = await this.request(
        path,
        controller.signal,
      );
      answered();
      if (response.statusCode !== 200) {
        const text = await readBody(response);
        finish(
          new HttpStatusError(
            response.statusCode ?? 0,
            text,
            headersOf(response),
          ),
        );
        return controller;
      }
      response.setEncoding('utf8');
      let rest = '';
      response.on('data', (chunk: string) => {
        const text = rest + chunk;
        let start = 0;
        for (
          let end = text.indexOf('\n');
          end >= 0;
          end = text.indexOf('\n', start)
        ) {
          const line = text.slice(start, end);
          start = end + 1;
          if (!line.trim()) continue;
          let event: { type: string; object: unknown };
          try {
            event = JSON.parse(line);
          } catch {
            continue; // Not an event line; the stream goes on.
          }
          handlers.onEvent(event.type, event.object);
        }
        rest = text.slice(start);
      });
      response.on('end', () => finish());
      response.on('error', finish);
      response.on('close', () => {
        if (!response.complete) {
          finish(
            Object.assign(new Error('the watch connection was cut'), {
              code: 'ECONNRESET',
            }),
          );
        }
      });
    } catch (error) {
      finish(error);
    }
    return controller;
  }

  /**
   * Sends a GET and resolves at the response's headers; the request is cut with a TimeoutError
   * unless `answered` is called within the timeout.
   */
  private async request(
    path: string,
    signal?: AbortSignal,
  ): Promise<{
    response: http.IncomingMessage;
    answered: () => void;
    /** The TimeoutError the request was cut with, if it was. */
    timedOut: () => Error | undefined;
  }> {
    const init = await this.kubeConfig.applyToFetchOptions({});
    const server = this.kubeConfig.getCurrentCluster()?.server ?? '';
    const url = new URL(server.replace(/\/+$/, '') + path);
    const headers: Record<string, string> = { Accept: 'application/json' };
    (init.headers as unknown as Headers).forEach((value, key) => {
      headers[key] = value;
    });
    const send = url.protocol === 'https:' ? https.request : http.request;
    return new Promise((resolve, reject) => {
      const request = send(url, {
        method: 'GET',
        agent: init.agent as http.Agent,
        headers,
        signal,
      });
      let timeout: Error | undefined;
      const timer = setTimeout(() => {
        timeout = new Error(
          `the Kubernetes API did not answer within ${this.timeoutMs} ms`,
        );
        timeout.name = 'TimeoutError';
        request.destroy(timeout);
      }, this.timeoutMs);
      request.on('socket', socket => socket.setKeepAlive(true, 30_000));
      request.on('response', response =>
        resolve({
          response,
          answered: () => clearTimeout(timer),
          timedOut: () => timeout,
        }),
      );
      request.on('error', error => {
        clearTimeout(timer);
        reject(error);
      });
      request.end();
    });
  }
}

function readBody(
  response: http.IncomingMessage,
  timedOut: () => Error | undefined = () => undefined,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    // A timeout destroys the request with its own error: that one says what happened.
    const fail = (error: unknown) => reject(timedOut() ?? error);
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    response.on('error', fail);
    response.on('close', () => {
      if (!response.complete) {
        fail(
          Object.assign(new Error('the connection was cut mid-answer'), {
            code: 'ECONNRESET',
          }),
        );
      }
    });
  });
}
