import { expect, test } from '@playwright/test';
import { parse } from 'yaml';
import {
  BACKEND,
  bearer,
  catalogEntity,
  clusterGet,
  clusterPaths,
  freshHostname,
  guestToken,
} from './support';

// Journey 7. "Expose a service through a pull request" writes one manifest per object and a
// kustomization.yaml into the workspace instead of applying them. The scaffolder's dry run
// returns that workspace, so the test reads the files the pull request would carry.
//
// Driven through POST /api/scaffolder/v2/dry-run: the template editor's dry run needs a
// template directory opened through the browser's file-system picker, which a test cannot
// drive. The whole template runs, its publish:github:pull-request step in dry-run mode.
test('the pull-request variant writes the manifests instead of applying them', async ({
  request,
}) => {
  const token = await guestToken(request);
  const hostname = freshHostname('e2e-pr', 'team-a.example.org');
  const template = await catalogEntity(request, token, {
    kind: 'template',
    namespace: 'default',
    name: 'expose-service-pull-request',
  });
  expect(typeof template).toBe('object');
  const steps = template.spec.steps as { id: string; action: string }[];
  expect(steps.map(s => s.action)).toEqual([
    'gatewayApi:route:expose',
    'publish:github:pull-request',
  ]);
  const res = await request.post(`${BACKEND}/api/scaffolder/v2/dry-run`, {
    headers: bearer(token),
    data: {
      template: {
        ...template,
        spec: template.spec,
      },
      values: {
        component: 'component:default/checkout',
        tenant: 'team-a',
        hostname,
        namespace: 'checkout',
        serviceName: 'checkout',
        port: 8080,
        routeKind: 'HTTPRoute',
        repoUrl: 'github.com?owner=example&repo=gitops',
      },
      directoryContents: [],
    },
  });
  const body = await res.json();
  expect(res.status(), JSON.stringify(body.error ?? body)).toBe(200);
  expect((body.steps as { id: string }[]).map(s => s.id)).toEqual(
    steps.map(s => s.id),
  );
  const messages = (body.log as { body: { message?: string } }[]).map(
    l => l.body.message ?? '',
  );
  expect(messages.join('\n')).toContain(
    `Wrote 3 files to clusters/team-a/${hostname}/`,
  );
  expect(messages.join('\n')).toContain(
    'Performing dry run of creating pull request',
  );

  // The workspace: the manifests under clusters/<tenant>/<hostname>/, nothing else.
  const files = Object.fromEntries(
    (body.directoryContents as { path: string; base64Content: string }[]).map(
      f => [f.path, Buffer.from(f.base64Content, 'base64').toString('utf8')],
    ),
  );
  const dir = `clusters/team-a/${hostname}`;
  const routeFile = `${dir}/httproute-checkout-${hostname}.yaml`;
  const kustomizationFile = `${dir}/kustomization.yaml`;
  expect(Object.keys(files)).toHaveLength(3);
  expect(Object.keys(files)).toEqual(
    expect.arrayContaining([routeFile, kustomizationFile]),
  );
  const gatewayFile = Object.keys(files).find(p =>
    p.startsWith(`${dir}/gateway-tenant-team-a-`),
  )!;
  expect(gatewayFile).toBeDefined();

  // team-a is dedicated: a Gateway of its own for the hostname, and the HTTPRoute on it.
  const gateway = parse(files[gatewayFile]);
  expect(gateway).toMatchObject({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: {
      namespace: 'tenant-team-a',
      annotations: {
        'gateway-api.gatehouse.dev/hostnames': hostname,
        'cert-manager.io/issuer': 'letsencrypt',
      },
    },
    spec: {
      gatewayClassName: 'tenant-team-a',
      listeners: [
        {
          name: 'https',
          hostname,
          protocol: 'HTTPS',
          tls: { certificateRefs: [{ name: `${hostname}-tls` }] },
        },
      ],
    },
  });
  const route = parse(files[routeFile]);
  expect(route).toMatchObject({
    kind: 'HTTPRoute',
    metadata: {
      name: hostname,
      namespace: 'checkout',
      annotations: {
        'gateway-api.gatehouse.dev/entity-ref': 'component:default/checkout',
      },
    },
    spec: {
      parentRefs: [
        {
          namespace: 'tenant-team-a',
          name: gateway.metadata.name,
          sectionName: 'https',
        },
      ],
      hostnames: [hostname],
      rules: [{ backendRefs: [{ name: 'checkout', port: 8080 }] }],
    },
  });
  expect(parse(files[kustomizationFile])).toEqual({
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: [gatewayFile, routeFile].map(p => p.slice(dir.length + 1)),
  });

  // Nothing was applied: neither the route nor the Gateway exists in the dev cluster.
  expect(
    (
      await clusterGet(request, clusterPaths.httpRoute('checkout', hostname))
    ).status(),
  ).toBe(404);
  expect(
    (
      await clusterGet(
        request,
        clusterPaths.gateway('tenant-team-a', gateway.metadata.name),
      )
    ).status(),
  ).toBe(404);
});
