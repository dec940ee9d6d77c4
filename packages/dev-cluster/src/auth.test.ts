import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import {
  TestCluster,
  gateway,
  gatewaysPath,
  startTestCluster,
} from './__testUtils__/testCluster';

describe('authentication and authorisation', () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster({
      tokens: [
        {
          token: 'reader',
          username: 'reader',
          rules: [
            {
              verbs: ['get', 'list', 'watch'],
              apiGroups: ['*'],
              resources: ['*'],
            },
          ],
        },
        {
          token: 'team-a',
          username: 'team-a-bot',
          rules: [
            {
              verbs: ['*'],
              apiGroups: ['gateway.networking.k8s.io'],
              resources: ['gateways'],
              namespaces: ['team-a'],
            },
            {
              verbs: ['update', 'patch'],
              apiGroups: ['gateway.networking.k8s.io'],
              resources: ['gateways/status'],
              namespaces: ['team-a'],
            },
            {
              verbs: ['get', 'patch'],
              apiGroups: [''],
              resources: ['namespaces'],
              namespaces: ['team-a'],
            },
          ],
        },
      ],
    });
    for (const ns of ['team-a', 'team-b']) {
      await t.core.createNamespace({ body: { metadata: { name: ns } } });
      await t.request('POST', gatewaysPath(ns), gateway('g', ns));
    }
  });
  afterAll(() => t.cluster.close());

  it('answers 401 without a token or with an unknown one', async () => {
    for (const token of [null, 'wrong']) {
      const res = await t.request('GET', gatewaysPath('team-a'), undefined, {
        token,
      });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({
        kind: 'Status',
        reason: 'Unauthorized',
        code: 401,
      });
    }
  });

  it('answers 403 with the apiserver message when a rule does not allow the verb', async () => {
    const writes = t.cluster.writes.length;
    const res = await t.request(
      'DELETE',
      `${gatewaysPath('team-a')}/g`,
      undefined,
      { token: 'reader' },
    );
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({
      reason: 'Forbidden',
      message:
        'gateways.gateway.networking.k8s.io "g" is forbidden: User "reader" cannot delete resource "gateways" in API group "gateway.networking.k8s.io" in the namespace "team-a"',
      details: {
        name: 'g',
        group: 'gateway.networking.k8s.io',
        kind: 'gateways',
      },
    });
    expect(t.cluster.writes.length).toBe(writes);
  });

  it('restricts rules to their namespaces and to cluster-wide lists', async () => {
    expect(
      (
        await t.request('GET', `${gatewaysPath('team-a')}/g`, undefined, {
          token: 'team-a',
        })
      ).status,
    ).toBe(200);
    const other = await t.request('GET', gatewaysPath('team-b'), undefined, {
      token: 'team-a',
    });
    expect(other.status).toBe(403);
    expect(other.body.message).toBe(
      'gateways.gateway.networking.k8s.io is forbidden: User "team-a-bot" cannot list resource "gateways" in API group "gateway.networking.k8s.io" in the namespace "team-b"',
    );
    const all = await t.request(
      'GET',
      '/apis/gateway.networking.k8s.io/v1/gateways',
      undefined,
      { token: 'team-a' },
    );
    expect(all.body.message).toMatch(/at the cluster scope$/);
  });

  it('treats a Namespace object as inside itself, as the apiserver does', async () => {
    const own = await t.request('GET', '/api/v1/namespaces/team-a', undefined, {
      token: 'team-a',
    });
    expect(own.status).toBe(200);
    const other = await t.request(
      'PATCH',
      '/api/v1/namespaces/team-b',
      { metadata: { labels: { taken: 'yes' } } },
      { token: 'team-a', contentType: 'application/merge-patch+json' },
    );
    expect(other.status).toBe(403);
    expect(other.body.message).toBe(
      'namespaces "team-b" is forbidden: User "team-a-bot" cannot patch resource "namespaces" in API group "" in the namespace "team-b"',
    );
  });

  it('tells any authenticated user who it is (SelfSubjectReview)', async () => {
    const res = await t.request(
      'POST',
      '/apis/authentication.k8s.io/v1/selfsubjectreviews',
      { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
      { token: 'team-a' },
    );
    expect(res.status).toBe(201);
    expect(res.body.status.userInfo).toEqual({
      username: 'team-a-bot',
      groups: ['system:authenticated'],
    });
    const anonymous = await t.request(
      'POST',
      '/apis/authentication.k8s.io/v1/selfsubjectreviews',
      {},
      { token: 'nobody' },
    );
    expect(anonymous.status).toBe(401);
  });

  it('authorises subresources separately', async () => {
    const status = await t.request(
      'PATCH',
      `${gatewaysPath('team-a')}/g/status`,
      { status: { conditions: [] } },
      { token: 'team-a', contentType: 'application/merge-patch+json' },
    );
    expect(status.status).toBe(200);
    const readerStatus = await t.request(
      'PATCH',
      `${gatewaysPath('team-a')}/g/status`,
      { status: {} },
      { token: 'reader', contentType: 'application/merge-patch+json' },
    );
    expect(readerStatus.body.message).toContain(
      'cannot patch resource "gateways/status"',
    );
  });

  it('lets any authenticated user read discovery, and reports core kinds with an empty group', async () => {
    const kc = new KubeConfig();
    kc.loadFromString(t.cluster.kubeconfig('team-a'));
    expect(
      (await t.request('GET', '/apis', undefined, { token: 'team-a' })).status,
    ).toBe(200);
    await expect(
      kc.makeApiClient(CoreV1Api).listNamespace(),
    ).rejects.toMatchObject({ code: 403 });
    const res = await t.request('GET', '/api/v1/namespaces', undefined, {
      token: 'team-a',
    });
    expect(res.body.message).toBe(
      'namespaces is forbidden: User "team-a-bot" cannot list resource "namespaces" in API group "" at the cluster scope',
    );
  });

  it('records the writing user', async () => {
    await t.request(
      'PATCH',
      `${gatewaysPath('team-a')}/g`,
      { metadata: { labels: { x: 'y' } } },
      { token: 'team-a', contentType: 'application/merge-patch+json' },
    );
    expect(t.cluster.writes.at(-1)).toMatchObject({
      verb: 'patch',
      name: 'g',
      namespace: 'team-a',
      user: 'team-a-bot',
    });
  });
});
