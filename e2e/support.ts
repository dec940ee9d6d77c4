import fs from 'node:fs';
import path from 'node:path';
import {
  expect,
  type APIRequestContext,
  type Page,
  type TestInfo,
} from '@playwright/test';

/** The demo portal's backend and the dev cluster it reads (see packages/dev-cluster). */
export const BACKEND = 'http://localhost:7007';
export const CLUSTER = 'http://127.0.0.1:6443';
export const CLUSTER_TOKEN = 'dev-cluster-admin-token';
/** The catalog namespace of the dev cluster's entities (hostnames, gateways, tenants). */
export const CLUSTER_ENTITY_NAMESPACE = 'dev-cluster';

/**
 * Waits for the app, entering as the guest if the sign-in page shows (once per browser
 * context). The first page of a fresh portal can take long while the bundle is built.
 */
export async function signIn(page: Page, timeout = 90_000) {
  const enter = page.getByRole('button', { name: 'Enter' });
  const app = page.getByRole('navigation', { name: 'sidebar nav' });
  // The sidebar is in the page (though styled out of view in places) only once signed in.
  await expect(enter.or(app).first()).toBeAttached({ timeout });
  if (await enter.isVisible()) {
    await enter.click();
    await expect(app).toBeAttached({ timeout });
  }
}

/** A Backstage token of the guest (user:default/guest, in groups platform and team-a). */
export async function guestToken(request: APIRequestContext) {
  const res = await request.get(
    `${BACKEND}/api/auth/guest/refresh?env=development`,
    { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
  );
  expect(res.ok()).toBeTruthy();
  return (await res.json()).backstageIdentity.token as string;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** GET on the dev cluster's API as its admin, e.g. `/api/v1/namespaces/catalog`. */
export function clusterGet(request: APIRequestContext, apiPath: string) {
  return request.get(`${CLUSTER}${apiPath}`, {
    headers: bearer(CLUSTER_TOKEN),
  });
}

/** Paths of the dev cluster's API for the kinds the journeys check. */
export const clusterPaths = {
  httpRoute: (ns: string, name: string) =>
    `/apis/gateway.networking.k8s.io/v1/namespaces/${ns}/httproutes/${name}`,
  gateway: (ns: string, name: string) =>
    `/apis/gateway.networking.k8s.io/v1/namespaces/${ns}/gateways/${name}`,
  listenerSet: (ns: string, name: string) =>
    `/apis/gateway.networking.k8s.io/v1/namespaces/${ns}/listenersets/${name}`,
  certificate: (ns: string, name: string) =>
    `/apis/cert-manager.io/v1/namespaces/${ns}/certificates/${name}`,
  namespace: (name: string) => `/api/v1/namespaces/${name}`,
};

/** A catalog entity, or the HTTP status when there is none (for `expect.poll`). */
export async function catalogEntity(
  request: APIRequestContext,
  token: string,
  ref: { kind: string; namespace: string; name: string },
): Promise<any | number> {
  const res = await request.get(
    `${BACKEND}/api/catalog/entities/by-name/${ref.kind}/${ref.namespace}/${ref.name}`,
    { headers: bearer(token) },
  );
  return res.ok() ? res.json() : res.status();
}

/** A hostname entity's ref parts (its name is the hostname while that is a valid entity name). */
export const hostnameEntity = (hostname: string) => ({
  kind: 'resource',
  namespace: CLUSTER_ENTITY_NAMESPACE,
  name: hostname,
});

/** The link's accessible name starts with the hostname (an "opens in a new tab" hint follows). */
export const hostnameLink = (hostname: string) =>
  new RegExp(`^${hostname.replace(/[.*]/g, c => `\\${c}`)}`);

/** A hostname no earlier run used, under a tenant's domain. */
export const freshHostname = (prefix: string, domain: string) =>
  `${prefix}-${Date.now().toString(36)}.${domain}`;

/**
 * Starts a scaffolder task through the REST API, as the form does on "Create", and waits for it
 * to end. Returns the task id and its final status.
 */
export async function runTask(
  request: APIRequestContext,
  token: string,
  templateRef: string,
  values: Record<string, unknown>,
  timeout = 150_000,
): Promise<{ id: string; status: string }> {
  const created = await request.post(`${BACKEND}/api/scaffolder/v2/tasks`, {
    headers: bearer(token),
    data: { templateRef, values },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  let status = '';
  await expect
    .poll(
      async () => {
        const res = await request.get(
          `${BACKEND}/api/scaffolder/v2/tasks/${id}`,
          { headers: bearer(token) },
        );
        status = (await res.json()).status;
        return ['completed', 'failed', 'cancelled'].includes(status);
      },
      { timeout, intervals: [500, 1_000] },
    )
    .toBe(true);
  return { id, status };
}

/** The task's log messages and its completion event, for failure messages. */
export async function taskEvents(
  request: APIRequestContext,
  token: string,
  id: string,
): Promise<any[]> {
  const res = await request.get(
    `${BACKEND}/api/scaffolder/v2/tasks/${id}/events`,
    { headers: bearer(token) },
  );
  return res.json();
}

/**
 * Exposes a component on a hostname through the "Expose a service" template (setup for the
 * journeys that start from an exposed hostname), and waits until the task has completed.
 */
export async function exposeThroughApi(
  request: APIRequestContext,
  token: string,
  values: {
    component: string;
    tenant: string;
    hostname: string;
    namespace: string;
    serviceName: string;
    port: number;
  },
) {
  const task = await runTask(
    request,
    token,
    'template:default/expose-service',
    {
      routeKind: 'HTTPRoute',
      pathPrefix: '/',
      ...values,
    },
  );
  if (task.status !== 'completed') {
    const events = await taskEvents(request, token, task.id);
    throw new Error(
      `expose ${values.hostname} ended ${task.status}: ${JSON.stringify(
        events.find(e => e.type === 'completion')?.body,
      )}`,
    );
  }
  return task;
}

/**
 * A screenshot kept with the test's results; with GATEHOUSE_DOCS_SHOTS=1 the ones named for the
 * README are also written to docs/screenshots/<docsName>.png.
 */
export async function shot(
  page: Page,
  testInfo: TestInfo,
  name: string,
  options: { docsName?: string; fullPage?: boolean } = {},
) {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage });
  if (options.docsName && process.env.GATEHOUSE_DOCS_SHOTS === '1') {
    const docs = path.resolve(__dirname, '..', 'docs', 'screenshots');
    fs.mkdirSync(docs, { recursive: true });
    fs.copyFileSync(file, path.join(docs, `${options.docsName}.png`));
  }
}
