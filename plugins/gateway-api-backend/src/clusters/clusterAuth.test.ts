import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { AuthenticationStrategy } from '@backstage/plugin-kubernetes-node';
import { DevCluster, startDevCluster } from '@gatehouse/dev-cluster';
import { GatewayApiCache } from '../cache/GatewayApiCache';
import { ClusterClient } from '../kubernetes/ClusterClient';
import {
  CachedCredentialStrategy,
  ServiceAccountTokenStrategy,
  defaultAuthStrategies,
  withCredentials,
} from './authStrategies';
import { readGatewayApiClusters } from './clusters';

const allRights = [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }];
const b64 = (text: string) => Buffer.from(text).toString('base64');

/**
 * Each server-side authentication path end to end against the dev cluster over HTTPS, its
 * serving certificate verified with the CA it exports (no skipTLSVerify).
 */
describe('cluster authentication over HTTPS', () => {
  let cluster: DevCluster;
  let tmp: string;
  const logger = mockServices.logger.mock();

  beforeAll(async () => {
    cluster = await startDevCluster({
      controllers: false,
      seed: [],
      tokens: [
        { token: 'sa-token', username: 'gatehouse-sa', rules: allRights },
      ],
      certificateUsers: [{ username: 'gatehouse-cert', rules: allRights }],
    });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-auth-'));
  });
  afterAll(async () => {
    await cluster.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** Clients built the way the plugin builds them: config, then the strategies. */
  async function clientsFor(
    clusters: object[],
    extra: Record<string, AuthenticationStrategy> = {},
  ): Promise<ClusterClient[]> {
    const config = new ConfigReader({
      kubernetes: { clusterLocatorMethods: [{ type: 'config', clusters }] },
    });
    const strategies = defaultAuthStrategies(config, logger);
    for (const [key, strategy] of Object.entries(extra)) {
      strategies.set(key, strategy);
    }
    return withCredentials(
      await readGatewayApiClusters(config),
      strategies,
    ).map(
      c =>
        new ClusterClient(c, {
          retry: { attempts: 1, initialDelayMs: 10, maxDelayMs: 10 },
          timeoutMs: 5_000,
        }),
    );
  }

  it('authenticates a serviceAccount token, verifying TLS with caData', async () => {
    const [client] = await clientsFor([
      {
        name: 'eks',
        url: cluster.httpsUrl,
        authProvider: 'serviceAccount',
        serviceAccountToken: 'sa-token',
        caData: cluster.caData,
      },
    ]);
    expect(await client.username()).toBe('gatehouse-sa');
  });

  it('refuses a server its caData does not vouch for', async () => {
    // A certificate that is no CA of this server stands for another cluster's CA.
    const notTheCa = cluster.clientCertificate({ username: 'x', groups: [] });
    const [client] = await clientsFor([
      {
        name: 'other',
        url: cluster.httpsUrl,
        authProvider: 'serviceAccount',
        serviceAccountToken: 'sa-token',
        caData: b64(notTheCa.cert),
      },
    ]);
    await expect(client.username()).rejects.toThrow(
      /certificate|self.signed|verify/i,
    );
  });

  it('authenticates a client certificate given as data, the user from its CN', async () => {
    const pems = cluster.clientCertificate({
      username: 'gatehouse-cert',
      groups: ['gatehouse'],
    });
    const [client] = await clientsFor([
      {
        name: 'certs',
        url: cluster.httpsUrl,
        authProvider: 'clientCertificate',
        clientCertData: b64(pems.cert),
        clientKeyData: b64(pems.key),
        caData: cluster.caData,
      },
    ]);
    expect(await client.username()).toBe('gatehouse-cert');
    await expect(client.list('v1', 'Namespace')).resolves.toEqual(
      expect.any(Array),
    );
  });

  it('authenticates a client certificate and CA given as files', async () => {
    const pems = cluster.clientCertificate({
      username: 'gatehouse-cert',
      groups: [],
    });
    const file = (name: string, text: string) => {
      const p = path.join(tmp, name);
      fs.writeFileSync(p, text);
      return p;
    };
    const [client] = await clientsFor([
      {
        name: 'files',
        url: cluster.httpsUrl,
        authProvider: 'clientCertificate',
        clientCertFile: file('client.crt', pems.cert),
        clientKeyFile: file('client.key', pems.key),
        caFile: file(
          'ca.crt',
          Buffer.from(cluster.caData, 'base64').toString(),
        ),
      },
    ]);
    expect(await client.username()).toBe('gatehouse-cert');
  });

  it('puts a custom strategy token on each request and renews it, through a watch that reconnects', async () => {
    // Stands in for a cloud strategy (aws, googleServiceAccount, azure): their token issuance
    // cannot reach the cloud here, and they share this path: a credential asked per request.
    let current = 'cloud-token-1';
    const issued: string[] = [];
    const stub: AuthenticationStrategy = {
      getCredential: async () => {
        issued.push(current);
        return { type: 'bearer token', token: current };
      },
      validateCluster: () => [],
      presentAuthMetadata: m => m,
    };
    cluster.addToken({
      token: 'cloud-token-1',
      username: 'cloud-identity',
      rules: allRights,
      expiresAt: new Date(Date.now() + 4_000),
    });
    const [client] = await clientsFor(
      [
        {
          name: 'cloud',
          url: cluster.httpsUrl,
          authProvider: 'stubCloud',
          caData: cluster.caData,
        },
      ],
      { stubCloud: stub },
    );
    expect(await client.username()).toBe('cloud-identity');

    const cache = new GatewayApiCache([client], {
      logger,
      resyncMs: 60_000,
      backoff: { initialMs: 20, maxMs: 200 },
    });
    cache.start();
    try {
      await cache.waitForSync();
      // The token is rotated; the old one then expires while the watches are open.
      cluster.addToken({
        token: 'cloud-token-2',
        username: 'cloud-identity',
        rules: allRights,
      });
      current = 'cloud-token-2';
      await new Promise(r => setTimeout(r, 4_200));
      expect(await fetchStatus('cloud-token-1')).toBe(401);
      // Watches end (as the apiserver ends them after a while) and reconnect.
      cluster.setFaults({ dropWatchesAfterMs: 200 });
      await new Promise(r => setTimeout(r, 500));
      cluster.setFaults({});

      await new ClusterClient({
        name: 'admin',
        url: cluster.url,
        serviceAccountToken: cluster.adminToken,
        skipTLSVerify: true,
      }).apply({
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'Gateway',
        metadata: { name: 'after-rotation', namespace: 'default' },
        spec: {
          gatewayClassName: 'eg',
          listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }],
        },
      });
      const names = () =>
        (cache.snapshot('cloud').byKind.get('Gateway') ?? []).map(
          g => g.metadata?.name,
        );
      const deadline = Date.now() + 10_000;
      while (!names().includes('after-rotation') && Date.now() < deadline) {
        await new Promise(r => setTimeout(r, 50));
      }
      expect(names()).toContain('after-rotation');
      expect(issued).toContain('cloud-token-2');
      expect(issued.lastIndexOf('cloud-token-1')).toBeLessThan(
        issued.indexOf('cloud-token-2'),
      );
    } finally {
      cache.stop();
    }
  }, 60_000);

  /** The status the cluster answers a token with. */
  async function fetchStatus(token: string): Promise<number> {
    const res = await fetch(`${cluster.url}/api/v1/namespaces`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    return res.status;
  }
});

describe('the aws strategy', () => {
  const env = { ...process.env };
  afterEach(() => {
    process.env = { ...env };
  });

  it('signs an EKS token for the cluster (GetCallerIdentity presigned with the backend AWS credentials)', async () => {
    // Signing is local: static credentials stand in for the backend's; no AWS call is made.
    process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    process.env.AWS_REGION = 'eu-west-1';
    const config = new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              {
                name: 'eks-prod',
                url: 'https://eks.example',
                authProvider: 'aws',
              },
            ],
          },
        ],
      },
    });
    const [eks] = withCredentials(
      await readGatewayApiClusters(config),
      defaultAuthStrategies(config, mockServices.logger.mock()),
    );
    const credential = await eks.credential!();
    expect(credential.type).toBe('bearer token');
    const token = (credential as { token: string }).token;
    expect(token).toMatch(/^k8s-aws-v1\./);
    const url = new URL(
      Buffer.from(token.slice('k8s-aws-v1.'.length), 'base64url').toString(),
    );
    expect(url.searchParams.get('Action')).toBe('GetCallerIdentity');
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(/^AKIDEXAMPLE\//);
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toContain(
      'x-k8s-aws-id',
    );
  });
});

describe('the serviceAccount strategy without a configured token', () => {
  it('reads the pod token file on each request, so a token the kubelet rotates is used', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-sa-'));
    const file = path.join(dir, 'token');
    try {
      const strategy = new ServiceAccountTokenStrategy(file);
      const details = {
        name: 'in-cluster',
        url: 'https://k',
        authMetadata: {},
      };
      fs.writeFileSync(file, 'first\n');
      expect(await strategy.getCredential(details)).toEqual({
        type: 'bearer token',
        token: 'first',
      });
      fs.writeFileSync(file, 'rotated');
      expect(await strategy.getCredential(details)).toEqual({
        type: 'bearer token',
        token: 'rotated',
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('CachedCredentialStrategy', () => {
  it('keeps a credential for its time, then asks the strategy again; a failure is not kept', async () => {
    let now = 0;
    let n = 0;
    let fail = false;
    const inner: AuthenticationStrategy = {
      getCredential: async () => {
        n += 1;
        if (fail) throw new Error('token endpoint down');
        return { type: 'bearer token', token: `t${n}` };
      },
      validateCluster: () => [],
      presentAuthMetadata: m => m,
    };
    const strategy = new CachedCredentialStrategy(inner, 1_000, () => now);
    const eks = { name: 'eks', url: 'https://eks', authMetadata: {} };
    const token = async () =>
      ((await strategy.getCredential(eks, {})) as { token: string }).token;
    expect(await token()).toBe('t1');
    now = 999;
    expect(await token()).toBe('t1');
    now = 1_000;
    expect(await token()).toBe('t2');
    now = 2_000;
    fail = true;
    await expect(token()).rejects.toThrow('token endpoint down');
    fail = false;
    expect(await token()).toBe('t4');
  });
});
