import { ConfigReader } from '@backstage/config';
import { readGatewayApiClusters } from './clusters';

const cluster = (extra: object) => ({
  name: 'dev',
  url: 'http://127.0.0.1:6443',
  authProvider: 'serviceAccount',
  ...extra,
});

const locators = (...clusterLocatorMethods: object[]) =>
  new ConfigReader({ kubernetes: { clusterLocatorMethods } });

describe('readGatewayApiClusters', () => {
  it('reads the clusters of the config locator with the Kubernetes plugin keys', () => {
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
    const [dev, prod, certs] = readGatewayApiClusters(config);
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

  it('takes the auth provider from an authMetadata block, as the Kubernetes plugin does', () => {
    const [c] = readGatewayApiClusters(
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

  it('reads the local kubectl proxy as the cluster "local"', () => {
    expect(
      readGatewayApiClusters(locators({ type: 'localKubectlProxy' })),
    ).toMatchObject([
      {
        name: 'local',
        url: 'http://127.0.0.1:8001',
        authProvider: 'localKubectlProxy',
      },
    ]);
  });

  it('skips and reports locators it does not read, with why', () => {
    const skipped: string[] = [];
    const config = locators({ type: 'catalog' }, { type: 'gke' });
    expect(
      readGatewayApiClusters(config, {
        onSkippedLocator: (type, reason) => skipped.push(`${type}: ${reason}`),
      }),
    ).toEqual([]);
    expect(skipped).toEqual([
      expect.stringMatching(/^catalog: .*"config" locator/),
      expect.stringMatching(/^gke: .*googleServiceAccount/),
    ]);
  });

  it('skips and reports a cluster whose auth acts as the signed-in user, and keeps the others', () => {
    const skipped: string[] = [];
    const config = locators({
      type: 'config',
      clusters: [
        cluster({ name: 'user', authProvider: 'oidc' }),
        cluster({ name: 'gcp-user', authProvider: 'google' }),
        cluster({ name: 'ok', serviceAccountToken: 't' }),
      ],
    });
    const read = readGatewayApiClusters(config, {
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

  it('refuses a cluster without an auth provider and duplicate names', () => {
    expect(() =>
      readGatewayApiClusters(
        locators({
          type: 'config',
          clusters: [{ name: 'x', url: 'https://x' }],
        }),
      ),
    ).toThrow(/cluster 'x' has no auth provider/);
    expect(() =>
      readGatewayApiClusters(
        locators({ type: 'config', clusters: [cluster({}), cluster({})] }),
      ),
    ).toThrow(/Duplicate cluster name 'dev'/);
  });

  it('reads no cluster when kubernetes is not configured', () => {
    expect(readGatewayApiClusters(new ConfigReader({}))).toEqual([]);
  });
});
