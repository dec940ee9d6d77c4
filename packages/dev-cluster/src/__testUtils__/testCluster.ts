import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
} from '@kubernetes/client-node';
import { DevCluster, DevClusterOptions, startDevCluster } from '../index';

export interface TestCluster {
  cluster: DevCluster;
  kc: KubeConfig;
  core: CoreV1Api;
  custom: CustomObjectsApi;
  /** A raw request over HTTP with the admin token unless `token` says otherwise. */
  request(
    method: string,
    path: string,
    body?: unknown,
    options?: { token?: string | null; contentType?: string; accept?: string },
  ): Promise<{ status: number; body: any; headers: Headers }>;
}

export async function startTestCluster(
  options: DevClusterOptions = {},
): Promise<TestCluster> {
  const cluster = await startDevCluster({
    controllers: false,
    seed: [],
    ...options,
  });
  const kc = new KubeConfig();
  kc.loadFromString(cluster.kubeconfig());
  return {
    cluster,
    kc,
    core: kc.makeApiClient(CoreV1Api),
    custom: kc.makeApiClient(CustomObjectsApi),
    async request(method, path, body, opts = {}) {
      const token = opts.token === undefined ? cluster.adminToken : opts.token;
      const headers: Record<string, string> = {};
      if (token) headers.Authorization = `Bearer ${token}`;
      if (body !== undefined)
        headers['Content-Type'] = opts.contentType ?? 'application/json';
      if (opts.accept) headers.Accept = opts.accept;
      const res = await fetch(`${cluster.url}${path}`, {
        method,
        headers,
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // Watch streams and plain text stay as text.
      }
      return { status: res.status, body: parsed as any, headers: res.headers };
    },
  };
}

export const gatewayApi = { group: 'gateway.networking.k8s.io', version: 'v1' };

export function gateway(
  name: string,
  namespace = 'default',
  extra: Record<string, unknown> = {},
) {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name, namespace, ...extra },
    spec: {
      gatewayClassName: 'eg',
      listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }],
    },
  };
}

export function httpRoute(
  name: string,
  namespace = 'default',
  hostnames = ['app.example.com'],
) {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name, namespace },
    spec: {
      parentRefs: [{ name: 'gw' }],
      hostnames,
      rules: [{ backendRefs: [{ name: 'svc', port: 8080 }] }],
    },
  };
}

export const gatewaysPath = (ns = 'default') =>
  `/apis/gateway.networking.k8s.io/v1/namespaces/${ns}/gateways`;
