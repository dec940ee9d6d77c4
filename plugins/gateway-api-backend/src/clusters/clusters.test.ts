import { ConfigReader } from '@backstage/config';
import { readGatewayApiClusters } from './clusters';

const cluster = (extra: object) => ({
  name: 'dev',
  url: 'http://127.0.0.1:6443',
  authProvider: 'serviceAccount',
  ...extra,
});

describe('readGatewayApiClusters', () => {
  it('reads the clusters of the config locator', () => {
    const config = new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              cluster({ serviceAccountToken: 't0ken', skipTLSVerify: true }),
              cluster({
                name: 'prod',
                url: 'https://prod:6443',
                caData: 'Q0E=',
              }),
            ],
          },
        ],
      },
    });
    expect(readGatewayApiClusters(config)).toEqual([
      {
        name: 'dev',
        url: 'http://127.0.0.1:6443',
        serviceAccountToken: 't0ken',
        caData: undefined,
        skipTLSVerify: true,
      },
      {
        name: 'prod',
        url: 'https://prod:6443',
        serviceAccountToken: undefined,
        caData: 'Q0E=',
        skipTLSVerify: false,
      },
    ]);
  });

  it('skips and reports locators that are not of type config', () => {
    const skipped: string[] = [];
    const config = new ConfigReader({
      kubernetes: { clusterLocatorMethods: [{ type: 'catalog' }] },
    });
    expect(readGatewayApiClusters(config, t => skipped.push(t))).toEqual([]);
    expect(skipped).toEqual(['catalog']);
  });

  it('refuses an auth provider it cannot act with', () => {
    const config = new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          { type: 'config', clusters: [cluster({ authProvider: 'oidc' })] },
        ],
      },
    });
    expect(() => readGatewayApiClusters(config)).toThrow(
      /Cluster "dev" uses authProvider "oidc"/,
    );
  });

  it('reads no cluster when kubernetes is not configured', () => {
    expect(readGatewayApiClusters(new ConfigReader({}))).toEqual([]);
  });
});
