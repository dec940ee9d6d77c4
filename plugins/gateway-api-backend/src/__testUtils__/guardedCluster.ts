import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  DevCluster,
  DevClusterToken,
  startDevCluster,
} from '@gatehouse/dev-cluster';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { ENVOY_GATEWAY_CONTROLLER } from '../manifests';
import { createProvisionTenantAction } from '../scaffolder/provisionTenant';
import { EXAMPLE_CLUSTER, permissionsAnswering } from './devClusterHarness';

const DEV_CLUSTER_CONFIG = path.resolve(
  __dirname,
  '../../../../packages/dev-cluster/dev-cluster.yaml',
);

/**
 * The guard policies the demo cluster installs after its seed: the builder's, with the demo
 * portal's settings (held to it by scaffolder/demoGuardPolicies.test.ts).
 */
export const DEMO_GUARD_POLICIES = path.resolve(
  EXAMPLE_CLUSTER,
  '../guard-policies.yaml',
);

/**
 * The demo's dev cluster as `npm start` runs it: the example objects, the demo tenants' tokens
 * (and `tokens` beside them), then the guard policies; no controllers unless asked. `admin`
 * writes as the platform.
 */
export async function startGuardedExampleCluster(
  options: {
    tokens?: DevClusterToken[];
    controllers?: false | Record<string, unknown>;
  } = {},
): Promise<{ cluster: DevCluster; admin: ClusterClient }> {
  const config = parse(fs.readFileSync(DEV_CLUSTER_CONFIG, 'utf8'));
  const cluster = await startDevCluster({
    seed: [EXAMPLE_CLUSTER],
    afterSeed: [DEMO_GUARD_POLICIES],
    tokens: [...config.tokens, ...(options.tokens ?? [])],
    controllers: options.controllers ?? false,
  });
  const admin = new ClusterClient({
    name: 'dev-cluster',
    url: cluster.url,
    serviceAccountToken: cluster.adminToken,
    skipTLSVerify: true,
  });
  return { cluster, admin };
}

/** A team's rights in its own namespaces, as the demo tenants have. */
export function teamRules(namespaces: string[]) {
  const all = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
  return [
    {
      verbs: all,
      apiGroups: [''],
      resources: ['services', 'secrets', 'configmaps'],
      namespaces,
    },
    {
      verbs: all,
      apiGroups: ['gateway.networking.k8s.io'],
      resources: ['httproutes', 'grpcroutes', 'tlsroutes', 'listenersets'],
      namespaces,
    },
    {
      verbs: all,
      apiGroups: ['cert-manager.io'],
      resources: ['certificates', 'issuers'],
      namespaces,
    },
    {
      verbs: ['get', 'patch', 'update'],
      apiGroups: [''],
      resources: ['namespaces'],
      namespaces,
    },
  ];
}

/**
 * The platform provisions (again) a dedicated child of `parentTenant`, named `name`, with the
 * domain `<name>.<parentTenant>.example.org` (a root tenant's) unless given `domains`.
 */
export async function provisionChild(
  admin: ClusterClient,
  child: {
    name: string;
    parentTenant: string;
    domains?: string[];
    attachedNamespaces?: string[];
  },
): Promise<void> {
  await createProvisionTenantAction({
    clients: [admin],
    permissions: permissionsAnswering(AuthorizeResult.ALLOW),
  }).handler(
    createMockActionContext({
      input: {
        name: child.name,
        parentTenant: child.parentTenant,
        domains: child.domains ?? [
          `${child.name}.${child.parentTenant}.example.org`,
        ],
        ...(child.attachedNamespaces
          ? { attachedNamespaces: child.attachedNamespaces }
          : {}),
        ownerGroup: `group:default/${child.name}`,
        layout: 'dedicated',
        controllerName: ENVOY_GATEWAY_CONTROLLER,
        certificates: {
          type: 'acme-http01',
          server: 'staging',
          email: `${child.name}@example.org`,
        },
      } as any,
    }),
  );
}

/**
 * The demo's dev cluster with the guard policies, quick controllers, and the portal's client:
 * the portal writes as `backstage` with a token of its own, so a test tells the actions' writes
 * from the controllers' (`cluster.writes`).
 */
export async function startGuardedPortalCluster(
  portalToken: string,
): Promise<{ cluster: DevCluster; client: ClusterClient }> {
  const cluster = await startDevCluster({
    seed: [EXAMPLE_CLUSTER],
    afterSeed: [DEMO_GUARD_POLICIES],
    tokens: [
      {
        token: portalToken,
        username: 'backstage',
        rules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
      },
    ],
    controllers: {
      debounceMs: 5,
      gatewayApi: { addressDelayMs: 10 },
      certManager: { stepDelayMs: 10 },
      ingressNginx: { enabled: false },
    },
  });
  const client = new ClusterClient(
    {
      name: 'dev-cluster',
      url: cluster.url,
      serviceAccountToken: portalToken,
      skipTLSVerify: true,
    },
    { retry: { attempts: 2, initialDelayMs: 10, maxDelayMs: 20 } },
  );
  return { cluster, client };
}
