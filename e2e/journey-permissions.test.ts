import { expect, test, type APIRequestContext } from '@playwright/test';

const BACKEND = 'http://localhost:7007';
const CLUSTER = 'http://127.0.0.1:6443';
const CLUSTER_TOKEN = 'dev-cluster-admin-token';
const REFUSAL =
  'You may not expose services under tenant "team-b": only members of group:default/team-b may.';

test.use({ actionTimeout: 30_000 });

async function guestToken(request: APIRequestContext) {
  const res = await request.get(
    `${BACKEND}/api/auth/guest/refresh?env=development`,
    { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
  );
  expect(res.ok()).toBeTruthy();
  return (await res.json()).backstageIdentity.token as string;
}

// The guest (platform, team-a) may not expose under team-b: the form does not offer the
// tenant, and a task started past the form fails with the permission policy's reason.
test('a guest cannot expose a service under another team’s tenant', async ({
  page,
  request,
}, testInfo) => {
  const token = await guestToken(request);
  const auth = { Authorization: `Bearer ${token}` };

  // The backend lists only the tenants the caller may expose under.
  const tenants = await request.get(`${BACKEND}/api/gateway-api/tenants`, {
    headers: auth,
  });
  expect(tenants.ok()).toBeTruthy();
  const names = ((await tenants.json()).items as { name: string }[]).map(
    t => t.name,
  );
  expect(names).toContain('team-a');
  expect(names).not.toContain('team-b');

  // So does the form's tenant field.
  await page.goto('/create/templates/default/expose-service');
  const enter = page.getByRole('button', { name: 'Enter' });
  if (await enter.isVisible({ timeout: 15_000 }).catch(() => false)) {
    await enter.click();
  }
  await page.getByRole('button', { name: 'Tenant' }).click();
  await expect(page.getByRole('option', { name: /^team-a/ })).toBeVisible();
  await expect(page.getByRole('option', { name: /^team-c/ })).toBeVisible();
  await expect(page.getByRole('option', { name: /^team-b/ })).toHaveCount(0);
  await page.screenshot({
    path: testInfo.outputPath('permissions-tenants.png'),
  });
  await page.keyboard.press('Escape');

  // A task started through the scaffolder API, past the form, fails with the reason.
  const hostname = `e2e-perm-${Date.now()}.team-b.example.org`;
  const created = await request.post(`${BACKEND}/api/scaffolder/v2/tasks`, {
    headers: auth,
    data: {
      templateRef: 'template:default/expose-service',
      values: {
        component: 'component:default/payments',
        tenant: 'team-b',
        hostname,
        namespace: 'payments',
        serviceName: 'payments',
        port: 8080,
        routeKind: 'HTTPRoute',
        pathPrefix: '/',
      },
    },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  await expect
    .poll(
      async () => {
        const res = await request.get(
          `${BACKEND}/api/scaffolder/v2/tasks/${id}`,
          { headers: auth },
        );
        return (await res.json()).status;
      },
      { timeout: 60_000 },
    )
    .toBe('failed');
  const events = await request.get(
    `${BACKEND}/api/scaffolder/v2/tasks/${id}/events`,
    { headers: auth },
  );
  const completion = ((await events.json()) as any[]).find(
    e => e.type === 'completion',
  );
  expect(completion.body.error.message).toBe(REFUSAL);

  // The task page shows the failure and the reason.
  await page.goto(`/create/tasks/${id}`);
  await expect(page.getByText(REFUSAL).first()).toBeVisible();
  await page.screenshot({
    path: testInfo.outputPath('permissions-task-failed.png'),
  });

  // Nothing reached the cluster.
  const route = await request.get(
    `${CLUSTER}/apis/gateway.networking.k8s.io/v1/namespaces/payments/httproutes/${hostname}`,
    { headers: { Authorization: `Bearer ${CLUSTER_TOKEN}` } },
  );
  expect(route.status()).toBe(404);
});
