import { expect, test } from '@playwright/test';
import {
  BACKEND,
  bearer,
  clusterGet,
  clusterPaths,
  guestToken,
  runTask,
  shot,
  signIn,
  taskEvents,
} from './support';

const REFUSAL =
  'You may not expose services under tenant "team-b": only members of group:default/team-b may.';

test.use({ actionTimeout: 30_000 });

// The guest (platform, team-a) may not expose under team-b: the form does not offer the
// tenant, and a task started past the form fails with the permission policy's reason.
test('a guest cannot expose a service under another team’s tenant', async ({
  page,
  request,
}, testInfo) => {
  const token = await guestToken(request);
  const auth = bearer(token);

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
  await signIn(page);
  await page.getByRole('button', { name: 'Tenant' }).click();
  await expect(page.getByRole('option', { name: /^team-a/ })).toBeVisible();
  await expect(page.getByRole('option', { name: /^team-c/ })).toBeVisible();
  await expect(page.getByRole('option', { name: /^team-b/ })).toHaveCount(0);
  await shot(page, testInfo, 'permissions-tenants');
  await page.keyboard.press('Escape');

  // A task started through the scaffolder API, past the form, fails with the reason.
  const hostname = `e2e-perm-${Date.now()}.team-b.example.org`;
  const { id, status } = await runTask(
    request,
    token,
    'template:default/expose-service',
    {
      component: 'component:default/payments',
      tenant: 'team-b',
      hostname,
      namespace: 'payments',
      serviceName: 'payments',
      port: 8080,
      routeKind: 'HTTPRoute',
      pathPrefix: '/',
    },
    60_000,
  );
  expect(status).toBe('failed');
  const completion = (await taskEvents(request, token, id)).find(
    e => e.type === 'completion',
  );
  expect(completion.body.error.message).toBe(REFUSAL);

  // The task page shows the failure and the reason.
  await page.goto(`/create/tasks/${id}`);
  await expect(page.getByText(REFUSAL).first()).toBeVisible();
  await shot(page, testInfo, 'permissions-task-failed');

  // Nothing reached the cluster.
  const route = await clusterGet(
    request,
    clusterPaths.httpRoute('payments', hostname),
  );
  expect(route.status()).toBe(404);
});
