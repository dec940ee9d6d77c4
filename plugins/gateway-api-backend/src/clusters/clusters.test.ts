import { ConfigReader } from '@backstage/config';
import { readGatewayApiClusters, readStartupClusters } from './clusters';
import { GkeCluster } from './gkeLocator';
import { readClusterRefreshMs } from './clustersService';

const cluster = (extra: object) => ({
  name: 'dev',
  url: 'http://127.0.0.1:6443',
  authProvider: 'serviceAccount',
  ...extra,
});

const locators = (...clusterLocatorMethods: object[]) =>
  new ConfigReader({ kubernetes: { clusterLocatorMethods } });

describe('readGatewayApiClusters', () => {
  it('reads the clusters of the config locator with the Kubernetes plugin keys', async () => {
    const config = locators({
      type: 'config',
      clusters: [
        cluster({ serviceAccountToken: 't0ken', skipTLSVerify: true }),
        cluster({
          name: 'prod',
          url: 'https://prod:6443',
          caData: 'Q0E=',
          caFile: '/etc/ca.pem',
          authProvider: 'aws',
          assumeRole: 'arn:aws:iam::1:role/gatehouse',
          externalId: 'ext-1',
        }),
        cluster({
          name: 'certs',
          authProvider: 'clientCertificate',
          clientCertData: 'Q0VSVA==',
          clientKeyData: 'S0VZ',
        }),
      ],
    });
    const [dev, prod, certs] = await readGatewayApiClusters(config);
    expect(dev).toMatchObject({
      name: 'dev',
      url: 'http://127.0.0.1:6443',
      authProvider: 'serviceAccount',
      authMetadata: {
        'kubernetes.io/auth-provider': 'serviceAccount',
        serviceAccountToken: 't0ken',
      },
      skipTLSVerify: true,
    });
    expect(prod).toMatchObject({
      authProvider: 'aws',
      caData: 'Q0E=',
      caFile: '/etc/ca.pem',
      skipTLSVerify: false,
      authMetadata: {
        'kubernetes.io/aws-assume-role': 'arn:aws:iam::1:role/gatehouse',
        'kubernetes.io/aws-external-id': 'ext-1',
      },
    });
    expect(certs).toMatchObject({
      clientCertData: 'Q0VSVA==',
      clientKeyData: 'S0VZ',
    });
  });

  it('takes the auth provider from an authMetadata block, as the Kubernetes plugin does', async () => {
    const [c] = await readGatewayApiClusters(
      locators({
        type: 'config',
        clusters: [
          {
            name: 'gke',
            url: 'https://gke:443',
            authMetadata: {
              'kubernetes.io/auth-provider': 'googleServiceAccount',
            },
          },
        ],
      }),
    );
    expect(c.authProvider).toBe('googleServiceAccount');
  });

  it('reads the local kubectl proxy as the cluster "local"', async () => {
    expect(
      await readGatewayApiClusters(locators({ type: 'localKubectlProxy' })),
    ).toMatchObject([
      {
        name: 'local',
        url: 'http://127.0.0.1:8001',
        authProvider: 'localKubectlProxy',
      },
    ]);
  });

  it('skips and reports locators it does not read, with why, and hands back the catalog ones', async () => {
    const skipped: string[] = [];
    const config = locators(
      { type: 'catalog', dangerouslyAllowClusterUrls: ['127.0.0.1'] },
      { type: 'rancher' },
    );
    expect(
      await readGatewayApiClusters(config, {
        onSkippedLocator: (type, reason) => skipped.push(`${type}: ${reason}`),
      }),
    ).toEqual([]);
    expect(skipped).toEqual(['rancher: unknown cluster locator type']);
    const read = await readStartupClusters(config);
    expect(
      read.catalogLocators.map(l =>
        l.getStringArray('dangerouslyAllowClusterUrls'),
      ),
    ).toEqual([['127.0.0.1']]);
    expect(read.locatorsNotRead).toEqual([
      { locator: 'rancher', reason: 'unknown cluster locator type' },
    ]);
  });

  it('skips and reports a cluster whose auth acts as the signed-in user, and keeps the others', async () => {
    const skipped: string[] = [];
    const config = locators({
      type: 'config',
      clusters: [
        cluster({ name: 'user', authProvider: 'oidc' }),
        cluster({ name: 'gcp-user', authProvider: 'google' }),
        cluster({ name: 'ok', serviceAccountToken: 't' }),
      ],
    });
    const read = await readGatewayApiClusters(config, {
      onSkippedCluster: (name, reason) => skipped.push(`${name}: ${reason}`),
    });
    expect(read.map(c => c.name)).toEqual(['ok']);
    expect(skipped).toEqual([
      expect.stringMatching(
        /^user: its authProvider "oidc" acts as the signed-in user/,
      ),
      expect.stringMatching(/^gcp-user: its authProvider "google"/),
    ]);
  });

  it('refuses a cluster without an auth provider and duplicate names', async () => {
    await expect(
      readGatewayApiClusters(
        locators({
          type: 'config',
          clusters: [{ name: 'x', url: 'https://x' }],
        }),
      ),
    ).rejects.toThrow(/cluster 'x' has no auth provider/);
    await expect(
      readGatewayApiClusters(
        locators({ type: 'config', clusters: [cluster({}), cluster({})] }),
      ),
    ).rejects.toThrow(/Duplicate cluster name 'dev'/);
  });

  it('reads no cluster when kubernetes is not configured', async () => {
    expect(await readGatewayApiClusters(new ConfigReader({}))).toEqual([]);
  });

  describe('the gke locator', () => {
    const listed: GkeCluster[] = [
      {
        name: 'prod',
        endpoint: '34.77.0.1',
        resourceLabels: { gatehouse: 'yes' },
        masterAuth: { clusterCaCertificate: 'R0tFLUNB' },
        controlPlaneEndpointsConfig: {
          dnsEndpointConfig: { endpoint: 'gke-prod.example.goog' },
        },
      },
      { name: 'other', endpoint: '34.77.0.2', resourceLabels: {} },
      { name: 'starting' },
    ];
    const parents: string[] = [];
    const gke = async () => ({
      listClusters: async (request: { parent: string }) => {
        parents.push(request.parent);
        return [{ clusters: listed }] as [{ clusters: GkeCluster[] }];
      },
    });

    it('lists the project clusters with the Kubernetes plugin keys, keeping each CA', async () => {
      const read = await readGatewayApiClusters(
        locators({
          type: 'gke',
          projectId: 'acme',
          region: 'europe-west1',
          authProvider: 'googleServiceAccount',
          matchingResourceLabels: [{ key: 'gatehouse', value: 'yes' }],
          endpointType: 'dns',
        }),
        { gke },
      );
      expect(parents).toContain('projects/acme/locations/europe-west1');
      expect(read).toEqual([
        {
          name: 'prod',
          url: 'https://gke-prod.example.goog',
          authProvider: 'googleServiceAccount',
          authMetadata: {
            'kubernetes.io/auth-provider': 'googleServiceAccount',
          },
          caData: 'R0tFLUNB',
          skipTLSVerify: false,
          locator: 'gke',
        },
      ]);
    });

    it('reports clusters that would act as the signed-in user (the locator default), and a project it cannot list', async () => {
      const skipped: string[] = [];
      const notes = {
        gke,
        onSkippedCluster: (name: string) => skipped.push(name),
        onSkippedLocator: (type: string, reason: string) =>
          skipped.push(`${type}: ${reason}`),
      };
      expect(
        await readGatewayApiClusters(
          locators({ type: 'gke', projectId: 'acme' }),
          notes,
        ),
      ).toEqual([]);
      expect(skipped).toEqual(['prod', 'other']);
      expect(parents).toContain('projects/acme/locations/-');

      skipped.length = 0;
      expect(
        await readGatewayApiClusters(
          locators(
            {
              type: 'gke',
              projectId: 'gone',
              authProvider: 'googleServiceAccount',
            },
            { type: 'localKubectlProxy' },
          ),
          {
            ...notes,
            gke: async () => ({
              listClusters: async () => {
                throw new Error('PERMISSION_DENIED');
              },
            }),
          },
        ),
      ).toMatchObject([{ name: 'local' }]);
      expect(skipped).toEqual([
        'gke: listing the clusters of GKE project "gone" failed: PERMISSION_DENIED',
      ]);
    });
  });
});

describe('readClusterRefreshMs', () => {
  it('reads gatewayApi.clusters.refreshInterval as a duration, 1 minute by default', () => {
    const at = (refreshInterval?: unknown) =>
      readClusterRefreshMs(
        new ConfigReader(
          refreshInterval === undefined
            ? {}
            : { gatewayApi: { clusters: { refreshInterval } } },
        ),
      );
    expect(at()).toBe(60_000);
    expect(at({ seconds: 30 })).toBe(30_000);
    expect(at('PT2M')).toBe(120_000);
    expect(() => at('soon')).toThrow(/Invalid duration/);
  });
});
