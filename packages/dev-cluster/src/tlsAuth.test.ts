import https from 'node:https';
import { DevCluster, startDevCluster } from './index';
import { DevClusterPki } from './auth/pki';

const reviewBody = JSON.stringify({
  apiVersion: 'authentication.k8s.io/v1',
  kind: 'SelfSubjectReview',
});

/** Who the cluster takes a caller for (a SelfSubjectReview), over TLS verified with `ca`. */
function whoami(
  cluster: DevCluster,
  tls: { ca?: string; cert?: string; key?: string; token?: string },
  path = '/apis/authentication.k8s.io/v1/selfsubjectreviews',
): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      `${cluster.httpsUrl}${path}`,
      {
        method: path.includes('selfsubjectreviews') ? 'POST' : 'GET',
        ca: tls.ca,
        cert: tls.cert,
        key: tls.key,
        headers: {
          'Content-Type': 'application/json',
          ...(tls.token ? { Authorization: `Bearer ${tls.token}` } : {}),
        },
      },
      res => {
        let text = '';
        res.on('data', chunk => (text += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }),
        );
      },
    );
    req.on('error', reject);
    req.end(path.includes('selfsubjectreviews') ? reviewBody : undefined);
  });
}

describe('TLS and credentials over HTTPS', () => {
  let cluster: DevCluster;
  let ca: string;
  beforeAll(async () => {
    cluster = await startDevCluster({
      controllers: false,
      seed: [],
      tokens: [
        {
          token: 'expired',
          username: 'old',
          rules: [],
          expiresAt: new Date(Date.now() - 1000),
        },
      ],
      certificateUsers: [
        {
          username: 'reader',
          rules: [
            {
              verbs: ['get', 'list'],
              apiGroups: [''],
              resources: ['namespaces'],
            },
          ],
        },
      ],
    });
    ca = Buffer.from(cluster.caData, 'base64').toString();
  });
  afterAll(() => cluster.close());

  it('serves a certificate its exported CA verifies, and refuses a client that does not trust it', async () => {
    const ok = await whoami(cluster, { ca, token: cluster.adminToken });
    expect(ok.status).toBe(201);
    expect(ok.body.status.userInfo.username).toBe('admin');
    await expect(
      whoami(cluster, {
        ca: new DevClusterPki().caCert,
        token: cluster.adminToken,
      }),
    ).rejects.toThrow(/self.signed|unable to verify|certificate/i);
  });

  it('takes the user from a client certificate: CN the user, O the groups', async () => {
    const pems = cluster.clientCertificate({
      username: 'reader',
      groups: ['platform', 'auditors'],
    });
    const review = await whoami(cluster, { ca, ...pems });
    expect(review.body.status.userInfo).toMatchObject({
      username: 'reader',
      groups: ['platform', 'auditors', 'system:authenticated'],
    });
    expect(
      (await whoami(cluster, { ca, ...pems }, '/api/v1/namespaces')).status,
    ).toBe(200);
    expect(
      (
        await whoami(
          cluster,
          { ca, ...pems },
          '/api/v1/namespaces/default/configmaps',
        )
      ).status,
    ).toBe(403);
  });

  it('gives system:masters certificates every right, as the apiserver does', async () => {
    const pems = cluster.clientCertificate({
      username: 'kubernetes-admin',
      groups: ['system:masters'],
    });
    expect(
      (
        await whoami(
          cluster,
          { ca, ...pems },
          '/api/v1/namespaces/default/configmaps',
        )
      ).status,
    ).toBe(200);
  });

  it('refuses a certificate another CA signed', async () => {
    const stranger = new DevClusterPki().clientCertificate({
      username: 'kubernetes-admin',
      groups: ['system:masters'],
    });
    expect((await whoami(cluster, { ca, ...stranger })).status).toBe(401);
  });

  it('answers 401 to a token after its expiry, and accepts a token added later', async () => {
    expect((await whoami(cluster, { ca, token: 'expired' })).status).toBe(401);
    expect((await whoami(cluster, { ca, token: 'fresh' })).status).toBe(401);
    cluster.addToken({
      token: 'fresh',
      username: 'new',
      rules: [],
      expiresAt: new Date(Date.now() + 60_000),
    });
    const review = await whoami(cluster, { ca, token: 'fresh' });
    expect(review.body.status.userInfo.username).toBe('new');
  });
});
