import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { DevCluster } from '@gatehouse/dev-cluster';
import {
  permissionsAnswering,
  startExampleCluster,
} from '../__testUtils__/devClusterHarness';
import { ClusterClient } from '../kubernetes/ClusterClient';
import {
  buildExposureObjects,
  buildTenantObjects,
  ENVOY_GATEWAY_CONTROLLER,
  exposureFieldManager,
  ExposureSpec,
  KubernetesObject,
  TenantSpec,
} from '../manifests';
import { createProvisionTenantAction } from './provisionTenant';
import { exposureNames } from './exposureNames';

/** What the provision action builds for its input below. */
const tenant: TenantSpec = {
  name: 'team-m',
  namespace: 'tenant-team-m',
  domains: ['team-m.example.org'],
  ownerGroup: 'group:default/team-m',
  attachedNamespaces: ['team-m-apps'],
  layout: 'tenant-shared',
  certificates: { type: 'self-signed' },
  clientIp: { mode: 'none' },
  serviceExposure: { type: 'LoadBalancer' },
  controllerName: ENVOY_GATEWAY_CONTROLLER,
  gatewayClassName: 'eg',
  names: {
    gateway: 'team-m',
    issuer: 'team-m',
    envoyProxyNamespace: 'envoy-gateway-system',
  },
  sharedGateway: {
    namespace: 'gateway',
    name: 'shared',
    gatewayClassName: 'eg',
    optInLabel: { key: 'shared-gateway-access', value: 'true' },
  },
};

const hostname = 'app.team-m.example.org';
const exposure: ExposureSpec = {
  hostname,
  kind: 'HTTPRoute',
  routeNamespace: 'team-m-apps',
  service: { namespace: 'team-m-apps', name: 'web', port: 8080 },
  entityRef: 'component:default/web',
  kubernetesId: 'web',
  names: exposureNames(hostname),
};

/** The listeners on the Gateway before ListenerSet was served. */
const BEFORE = { tlsRoute: 'gateway.networking.k8s.io/v1' };

describe('re-provisioning moves a tenant to ListenerSets, every hostname served throughout', () => {
  let cluster: DevCluster;
  let client: ClusterClient;

  beforeAll(async () => {
    ({ cluster, client } = await startExampleCluster({ controllers: {} }));
    for (const object of buildTenantObjects(tenant, BEFORE)) {
      await client.apply(object);
    }
    await client.apply({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'team-m-apps' },
    });
    await client.apply({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'team-m-apps' },
      spec: { ports: [{ name: 'http', port: 8080 }] },
    });
    for (const object of buildExposureObjects(exposure, tenant, BEFORE)) {
      await client.apply(object, {
        fieldManager: exposureFieldManager(hostname),
      });
    }
  }, 120_000);
  afterAll(() => cluster.close());

  const get = (kind: string, namespace: string, name: string) =>
    client.get<KubernetesObject & { spec: any; status?: any }>({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind,
      namespace,
      name,
    });

  it('moves the domain and hostname listeners, then the route, in that order', async () => {
    const writesBefore = cluster.writes.length;
    const ctx = createMockActionContext({
      input: {
        cluster: 'dev-cluster',
        name: 'team-m',
        domains: ['team-m.example.org'],
        ownerGroup: 'group:default/team-m',
        attachedNamespaces: ['team-m-apps'],
        layout: 'tenant-shared',
        certificates: { type: 'self-signed' },
        installGuardPolicies: false,
      } as any,
    });
    await createProvisionTenantAction({
      clients: [client],
      permissions: permissionsAnswering(AuthorizeResult.ALLOW),
    }).handler(ctx as any);

    const gateway = await get('Gateway', 'tenant-team-m', 'team-m');
    expect(gateway!.spec.listeners.map((l: any) => l.name)).toEqual(['http']);
    expect(gateway!.spec.allowedListeners).toEqual({
      namespaces: { from: 'Same' },
    });
    const set = await get('ListenerSet', 'tenant-team-m', 'team-m');
    expect(set!.spec.listeners.map((l: any) => l.name)).toEqual([
      'team-m.example.org-https',
      'team-m.example.org-tls',
    ]);
    const own = await get(
      'ListenerSet',
      'tenant-team-m',
      exposure.names.listener,
    );
    expect(own!.spec.listeners.map((l: any) => l.hostname)).toEqual([hostname]);
    const conditions = (o: any) =>
      Object.fromEntries(
        (o.status?.conditions ?? []).map((c: any) => [c.type, c.status]),
      );
    for (const s of [set, own]) {
      expect(conditions(s)).toMatchObject({
        Accepted: 'True',
        Programmed: 'True',
      });
    }

    const route = await get('HTTPRoute', 'team-m-apps', exposure.names.route);
    expect(route!.spec.parentRefs).toEqual([
      {
        group: 'gateway.networking.k8s.io',
        kind: 'ListenerSet',
        namespace: 'tenant-team-m',
        name: exposure.names.listener,
        sectionName: exposure.names.listener,
      },
    ]);
    expect(
      route!.status.parents.find((p: any) => p.parentRef.kind === 'ListenerSet')
        .conditions,
    ).toContainEqual(
      expect.objectContaining({ type: 'Accepted', status: 'True' }),
    );

    // The order of Gatehouse's own writes: ListenerSet and the route's second parentRef before
    // any listener leaves the Gateway, the route's old parentRef last.
    const ours = cluster.writes
      .slice(writesBefore)
      .filter(w => w.user === 'admin' && !w.subresource)
      .map(w => `${w.kind}/${w.name}`);
    const first = (id: string) => ours.indexOf(id);
    const last = (id: string) => ours.lastIndexOf(id);
    expect(first('ListenerSet/team-m')).toBeGreaterThan(-1);
    expect(first(`ListenerSet/${exposure.names.listener}`)).toBeLessThan(
      ours.indexOf('Gateway/team-m', first('Gateway/team-m') + 1),
    );
    expect(first(`HTTPRoute/${exposure.names.route}`)).toBeLessThan(
      // The Gateway is written in phase 1 (allowedListeners) and again in phase 3.
      ours.indexOf('Gateway/team-m', first('Gateway/team-m') + 1),
    );
    expect(first('ListenerSet/team-m')).toBeLessThan(
      ours.indexOf('Gateway/team-m', first('Gateway/team-m') + 1),
    );
    expect(last(`HTTPRoute/${exposure.names.route}`)).toBeGreaterThan(
      ours.indexOf('Gateway/team-m', first('Gateway/team-m') + 1),
    );
  }, 120_000);

  it('provisioning again changes nothing', async () => {
    const writesBefore = cluster.writes.length;
    const ctx = createMockActionContext({
      input: {
        cluster: 'dev-cluster',
        name: 'team-m',
        domains: ['team-m.example.org'],
        ownerGroup: 'group:default/team-m',
        attachedNamespaces: ['team-m-apps'],
        layout: 'tenant-shared',
        certificates: { type: 'self-signed' },
        installGuardPolicies: false,
      } as any,
    });
    await createProvisionTenantAction({
      clients: [client],
      permissions: permissionsAnswering(AuthorizeResult.ALLOW),
    }).handler(ctx as any);
    const route = await get('HTTPRoute', 'team-m-apps', exposure.names.route);
    expect(route!.spec.parentRefs).toHaveLength(1);
    expect(
      cluster.writes
        .slice(writesBefore)
        .filter(w => w.kind === 'HTTPRoute' && !w.subresource),
    ).toEqual([]);
  }, 60_000);
});

describe('re-provisioning moves a cluster-shared tenant to ListenerSets, certificates included', () => {
  let cluster: DevCluster;
  let client: ClusterClient;
  const shared: TenantSpec = {
    ...tenant,
    name: 'team-n',
    namespace: 'tenant-team-n',
    domains: ['team-n.example.org'],
    ownerGroup: 'group:default/team-n',
    attachedNamespaces: ['team-n-apps'],
    layout: 'cluster-shared',
    names: { ...tenant.names, gateway: 'team-n', issuer: 'team-n' },
  };
  const host = 'app.team-n.example.org';
  const exposed: ExposureSpec = {
    ...exposure,
    hostname: host,
    routeNamespace: 'team-n-apps',
    service: { namespace: 'team-n-apps', name: 'web', port: 8080 },
    names: exposureNames(host),
  };

  beforeAll(async () => {
    ({ cluster, client } = await startExampleCluster({ controllers: {} }));
    for (const object of buildTenantObjects(shared, BEFORE)) {
      await client.apply(object);
    }
    await client.apply({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'team-n-apps' },
    });
    await client.apply({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'team-n-apps' },
      spec: { ports: [{ name: 'http', port: 8080 }] },
    });
    for (const object of buildExposureObjects(exposed, shared, BEFORE)) {
      await client.apply(object, { fieldManager: exposureFieldManager(host) });
    }
  }, 120_000);
  afterAll(() => cluster.close());

  it('issues the certificate beside the ListenerSet before the listener leaves the shared Gateway', async () => {
    const writesBefore = cluster.writes.length;
    const ctx = createMockActionContext({
      input: {
        cluster: 'dev-cluster',
        name: 'team-n',
        domains: ['team-n.example.org'],
        ownerGroup: 'group:default/team-n',
        attachedNamespaces: ['team-n-apps'],
        layout: 'cluster-shared',
        certificates: { type: 'self-signed' },
        installGuardPolicies: false,
      } as any,
    });
    await createProvisionTenantAction({
      clients: [client],
      permissions: permissionsAnswering(AuthorizeResult.ALLOW),
    }).handler(ctx as any);

    const gateway = await client.get<any>({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      namespace: 'gateway',
      name: 'shared',
    });
    expect(gateway.spec.listeners.map((l: any) => l.name)).not.toContain(
      exposed.names.listener,
    );
    const set = await client.get<any>({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'ListenerSet',
      namespace: 'tenant-team-n',
      name: exposed.names.listener,
    });
    expect(
      set.status.conditions.find((c: any) => c.type === 'Programmed').status,
    ).toBe('True');
    const certificate = (namespace: string) =>
      client.get<any>({
        apiVersion: 'cert-manager.io/v1',
        kind: 'Certificate',
        namespace,
        name: exposed.names.certificate,
      });
    expect(
      (await certificate('tenant-team-n')).status.conditions.find(
        (c: any) => c.type === 'Ready',
      ).status,
    ).toBe('True');
    expect(await certificate('gateway')).toBeUndefined();
    // The new Certificate was issued (its CertificateRequest, then its status) before the
    // shared Gateway lost the listener: the shared Gateway is written (not its status) first for
    // its allowedListeners, then to drop the listener.
    const writes = cluster.writes.slice(writesBefore);
    const removedAt = writes.flatMap((w, i) =>
      w.kind === 'Gateway' && w.name === 'shared' && !w.subresource ? [i] : [],
    )[1];
    const requestedAt = writes.findIndex(
      w => w.kind === 'CertificateRequest' && w.namespace === 'tenant-team-n',
    );
    const readyAt = writes.findIndex(
      (w, i) =>
        i > requestedAt &&
        w.kind === 'Certificate' &&
        w.namespace === 'tenant-team-n' &&
        w.subresource === 'status',
    );
    expect(requestedAt).toBeGreaterThan(-1);
    expect(readyAt).toBeGreaterThan(requestedAt);
    expect(removedAt).toBeGreaterThan(readyAt);
    const route = await client.get<any>({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      namespace: 'team-n-apps',
      name: exposed.names.route,
    });
    expect(route.spec.parentRefs).toEqual([
      {
        group: 'gateway.networking.k8s.io',
        kind: 'ListenerSet',
        namespace: 'tenant-team-n',
        name: exposed.names.listener,
        sectionName: exposed.names.listener,
      },
    ]);
  }, 120_000);
});
