import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readCatalogClusters } from './catalogLocator';
import { validateCatalogClusterUrl } from './clusterUrl';
import { clusterEntity } from '../__testUtils__/clusterEntities';

const CA = 'LS0tLS1CRUdJTi1DQS0tLS0t';

const good = (extra: Record<string, string | undefined> = {}) => ({
  'kubernetes.io/api-server': 'https://34.77.0.1',
  'kubernetes.io/api-server-certificate-authority': CA,
  'kubernetes.io/auth-provider': 'aws',
  ...extra,
});

async function read(
  entities: Entity[],
  locator: object = {},
): Promise<Awaited<ReturnType<typeof readCatalogClusters>>> {
  return readCatalogClusters(
    new ConfigReader({ type: 'catalog', ...locator }),
    catalogServiceMock({ entities }),
    mockCredentials.service('plugin:gateway-api'),
  );
}

describe('readCatalogClusters', () => {
  it('reads kubernetes-cluster Resources with the Kubernetes plugin annotations', async () => {
    const { clusters, leftOut } = await read([
      clusterEntity(
        'eks-prod',
        good({
          'kubernetes.io/aws-assume-role': 'arn:aws:iam::1:role/gatehouse',
          'kubernetes.io/x-k8s-aws-id': 'eks-prod',
          'kubernetes.io/skip-metrics-lookup': 'true',
          'backstage.io/techdocs-ref': 'dir:.',
        }),
      ),
      // Another Resource type is no cluster.
      {
        ...clusterEntity('db', good()),
        spec: { type: 'database', owner: 'group:default/platform' },
      },
    ]);
    expect(leftOut).toEqual([]);
    expect(clusters).toEqual([
      {
        name: 'eks-prod',
        url: 'https://34.77.0.1',
        authProvider: 'aws',
        authMetadata: {
          'kubernetes.io/api-server': 'https://34.77.0.1',
          'kubernetes.io/api-server-certificate-authority': CA,
          'kubernetes.io/auth-provider': 'aws',
          'kubernetes.io/aws-assume-role': 'arn:aws:iam::1:role/gatehouse',
          'kubernetes.io/x-k8s-aws-id': 'eks-prod',
          'kubernetes.io/skip-metrics-lookup': 'true',
        },
        caData: CA,
        skipTLSVerify: false,
        locator: 'catalog',
        entityRef: 'resource:default/eks-prod',
      },
    ]);
  });

  it('skips TLS verification only where the locator allows it', async () => {
    const entity = clusterEntity(
      'lab',
      good({ 'kubernetes.io/skip-tls-verify': 'true' }),
    );
    expect((await read([entity])).clusters[0].skipTLSVerify).toBe(false);
    expect(
      (await read([entity], { dangerouslyAllowSkipTLSVerify: true }))
        .clusters[0].skipTLSVerify,
    ).toBe(true);
  });

  it('leaves out and reports malformed entities, each with why, and reads the others', async () => {
    const { clusters, leftOut } = await read([
      clusterEntity('ok', good()),
      clusterEntity(
        'no-auth',
        good({ 'kubernetes.io/auth-provider': undefined }),
      ),
      clusterEntity('bare', {}),
      clusterEntity('as-user', good({ 'kubernetes.io/auth-provider': 'oidc' })),
      clusterEntity(
        'not-https',
        good({ 'kubernetes.io/api-server': 'http://34.77.0.1' }),
      ),
      clusterEntity('ok', good(), 'other'),
    ]);
    expect(clusters.map(c => c.name)).toEqual(['ok']);
    expect(clusters[0].entityRef).toBe('resource:default/ok');
    const why = Object.fromEntries(
      leftOut.map(l => [l.entityRef, `${l.kind}: ${l.reason}`]),
    );
    expect(why).toEqual({
      'resource:default/no-auth':
        'malformedEntity: it lacks the annotation kubernetes.io/auth-provider',
      'resource:default/bare':
        'malformedEntity: it lacks the annotations kubernetes.io/api-server, kubernetes.io/api-server-certificate-authority, kubernetes.io/auth-provider',
      'resource:default/as-user': expect.stringMatching(
        /^userOnlyAuth: its authProvider "oidc" acts as the signed-in user/,
      ),
      'resource:default/not-https':
        'malformedEntity: the API server URL must use HTTPS',
      'resource:other/ok': expect.stringMatching(
        /^malformedEntity: another kubernetes-cluster entity is named "ok"/,
      ),
    });
  });

  describe('hostile entities', () => {
    it('cannot take a token: serviceAccount is refused, and no token annotation is auth metadata', async () => {
      const { clusters, leftOut } = await read([
        clusterEntity(
          'steal-pod-token',
          good({ 'kubernetes.io/auth-provider': 'serviceAccount' }),
        ),
        clusterEntity('with-token', good({ serviceAccountToken: 'planted' })),
      ]);
      expect(leftOut).toEqual([
        expect.objectContaining({
          name: 'steal-pod-token',
          kind: 'malformedEntity',
          reason: expect.stringMatching(
            /serviceAccount auth provider is not accepted from the catalog/,
          ),
        }),
      ]);
      expect(clusters).toHaveLength(1);
      expect(JSON.stringify(clusters)).not.toContain('planted');
    });

    it.each([
      ['the cloud metadata address', 'https://169.254.169.254/'],
      ['loopback', 'https://127.0.0.1:6443'],
      ['a private address', 'https://10.0.0.1'],
      ['loopback in IPv6', 'https://[::1]:6443'],
      ['loopback mapped into IPv6', 'https://[::ffff:127.0.0.1]'],
      ['a name resolving to loopback', 'https://localhost:6443'],
      ['credentials in the URL', 'https://user:pw@34.77.0.1'],
      ['another scheme', 'file:///etc/passwd'],
    ])('refuses an API server at %s', async (_what, url) => {
      const { clusters, leftOut } = await read([
        clusterEntity('evil', good({ 'kubernetes.io/api-server': url })),
      ]);
      expect(clusters).toEqual([]);
      expect(leftOut).toEqual([
        expect.objectContaining({ name: 'evil', kind: 'malformedEntity' }),
      ]);
    });

    it('allows a host the locator lists in dangerouslyAllowClusterUrls, HTTP included', async () => {
      const { clusters } = await read(
        [
          clusterEntity(
            'minikube',
            good({ 'kubernetes.io/api-server': 'http://127.0.0.1:8443' }),
          ),
          clusterEntity(
            'lab',
            good({ 'kubernetes.io/api-server': 'https://k8s.lab.internal' }),
          ),
        ],
        { dangerouslyAllowClusterUrls: ['127.0.0.1', '*.lab.internal'] },
      );
      expect(clusters.map(c => c.name)).toEqual(['lab', 'minikube']);
    });
  });

  it('throws when the catalog cannot be read', async () => {
    const catalog = catalogServiceMock.mock({
      getEntities: async () => {
        throw new Error('catalog unavailable');
      },
    });
    await expect(
      readCatalogClusters(
        new ConfigReader({ type: 'catalog' }),
        catalog,
        mockCredentials.service(),
      ),
    ).rejects.toThrow('catalog unavailable');
  });
});

describe('validateCatalogClusterUrl', () => {
  it('accepts HTTPS to a public address', async () => {
    await expect(
      validateCatalogClusterUrl('https://34.77.0.1:443'),
    ).resolves.toBeInstanceOf(URL);
  });

  it('matches allowed patterns by exact host or subdomain, not by suffix alone', async () => {
    const options = { dangerouslyAllowClusterUrls: ['*.lab.internal'] };
    await expect(
      validateCatalogClusterUrl('http://a.lab.internal', options),
    ).resolves.toBeInstanceOf(URL);
    await expect(
      validateCatalogClusterUrl('http://evillab.internal', options),
    ).rejects.toThrow(/HTTPS/);
  });
});
