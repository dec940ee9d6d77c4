import { DevCluster } from '@gatehouse/dev-cluster';
import { startExampleCluster } from '../__testUtils__/devClusterHarness';
import { eventually } from '../__testUtils__/eventually';
import { ClusterClient } from '../kubernetes/ClusterClient';
import {
  buildTenantObjects,
  ENVOY_GATEWAY_CONTROLLER,
  TenantSpec,
} from '../manifests';
import { exposureGatewayApiFor, servedGatewayApiFor } from './servedGatewayApi';

const tenant = (name: string): TenantSpec => ({
  name,
  namespace: `tenant-${name}`,
  domains: [`${name}.example.org`],
  ownerGroup: `group:default/${name}`,
  attachedNamespaces: [],
  layout: 'tenant-shared',
  certificates: { type: 'self-signed' },
  clientIp: { mode: 'none' },
  serviceExposure: { type: 'LoadBalancer' },
  controllerName: ENVOY_GATEWAY_CONTROLLER,
  gatewayClassName: 'eg',
  names: {
    gateway: name,
    issuer: name,
    envoyProxyNamespace: 'envoy-gateway-system',
  },
});

describe('exposureGatewayApiFor', () => {
  let cluster: DevCluster;
  let client: ClusterClient;
  beforeAll(async () => {
    ({ cluster, client } = await startExampleCluster({
      controllers: {},
      gatewayApi: { version: 'v1.6.1', channel: 'standard' },
    }));
    // The controller writes the GatewayClass's supportedFeatures after start; ask only then.
    await eventually(async () => {
      const eg = (await client.get({
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'GatewayClass',
        name: 'eg',
      })) as { status?: { supportedFeatures?: { name: string }[] } };
      const features = eg?.status?.supportedFeatures?.map(f => f.name) ?? [];
      if (!features.includes('ListenerSet')) {
        throw new Error('GatewayClass eg does not list ListenerSet yet');
      }
    }, 30_000);
  }, 60_000);
  afterAll(() => cluster.close());

  it('writes ListenerSets for a tenant whose Gateway admits them', async () => {
    const spec = tenant('team-now');
    const served = await servedGatewayApiFor(client, spec);
    expect(served.listenerSet).toBe('gateway.networking.k8s.io/v1');
    for (const object of buildTenantObjects(spec, served)) {
      await client.apply(object);
    }
    expect(await exposureGatewayApiFor(client, spec)).toEqual(served);
  });

  it('keeps listeners on the Gateway of a tenant provisioned before ListenerSets, until it is provisioned again', async () => {
    const spec = tenant('team-then');
    const before = { tlsRoute: 'gateway.networking.k8s.io/v1' };
    for (const object of buildTenantObjects(spec, before)) {
      await client.apply(object);
    }
    expect(await exposureGatewayApiFor(client, spec)).toEqual(before);
  });
});
