import { expect, test, type Page } from '@playwright/test';

const BACKEND = 'http://localhost:7007';
const CLUSTER = 'http://127.0.0.1:6443';
const CLUSTER_TOKEN = 'dev-cluster-admin-token';

const hostnameLink = (hostname: string) =>
  new RegExp(`^${hostname.replace(/[.*]/g, c => `\\${c}`)}`);

async function signIn(page: Page) {
  const enter = page.getByRole('button', { name: 'Enter' });
  if (await enter.isVisible({ timeout: 15_000 }).catch(() => false)) {
    await enter.click();
  }
}

async function guestToken(
  request: import('@playwright/test').APIRequestContext,
) {
  const res = await request.get(
    `${BACKEND}/api/auth/guest/refresh?env=development`,
    { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
  );
  expect(res.ok()).toBeTruthy();
  const body = await res.json();
  return body.backstageIdentity.token as string;
}

test.use({ actionTimeout: 30_000 });

// A service team exposes its component on a new hostname of its own tenant through the
// "Expose a service" form, then finds the route, its status and the hostname entity.
// (No check of a hostname already served by another tenant: none of the examples serves a
// name inside team-a.example.org, and team-a's own checkout.team-a.example.org is allowed.)

test('a team exposes a service on a new hostname of its tenant', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(240_000);
  const hostname = `e2e-${Date.now()}.team-a.example.org`;

  await page.goto('/create/templates/default/expose-service');
  await signIn(page);
  await expect(page.getByText('Expose a service').first()).toBeVisible();

  // Component
  const component = page.getByRole('textbox', { name: 'Component' });
  await component.click();
  await component.fill('checkout');
  await page
    .getByRole('option', { name: /checkout/i })
    .first()
    .click();
  await expect(component).toHaveValue('component:default/checkout');

  // Tenant
  await page.getByRole('button', { name: 'Tenant' }).click();
  await expect(page.getByRole('option', { name: /^team-a/ })).toBeVisible();
  await page.getByRole('option', { name: /^team-a/ }).click();

  const hostField = page.getByRole('textbox', { name: /Hostname/ });
  await hostField.fill('x.team-b.example.org');
  await expect(
    page.getByText(/is not inside a domain of tenant "team-a"/),
  ).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('expose-refused.png') });

  await hostField.fill(hostname);
  await expect(
    page.getByText(
      `Allowed for tenant team-a: will be exposed as ${hostname}.`,
    ),
  ).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('expose-allowed.png') });

  await page.getByRole('button', { name: 'Next' }).click();
  await page
    .getByRole('textbox', { name: /Namespace of the route/ })
    .fill('checkout');
  await page.getByRole('textbox', { name: /^Service/ }).fill('checkout');
  await page.getByRole('spinbutton', { name: /^Port/ }).fill('8080');
  await page.screenshot({ path: testInfo.outputPath('expose-what.png') });
  await page.getByRole('button', { name: 'Review' }).click();
  await expect(page.getByText(hostname).first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('expose-review.png') });
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(/\/create\/tasks\//);
  await page.screenshot({
    path: testInfo.outputPath('expose-task-running.png'),
  });

  // The task runs its step and completes; the output links to the new URL.
  await expect(page.getByText('Expose the service')).toBeVisible();
  await expect(
    page.getByRole('link', { name: `Open https://${hostname}` }),
  ).toBeVisible({ timeout: 150_000 });
  await expect(
    page.getByText(
      /^ready: route: .*Accepted.*certificate: Certificate is Ready/,
    ),
  ).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('expose-task-done.png') });

  // The HTTPRoute is in the cluster, named after the hostname, in the Service's namespace.
  const route = await request.get(
    `${CLUSTER}/apis/gateway.networking.k8s.io/v1/namespaces/checkout/httproutes/${hostname}`,
    { headers: { Authorization: `Bearer ${CLUSTER_TOKEN}` } },
  );
  expect(route.status()).toBe(200);
  const routeBody = await route.json();
  expect(routeBody.spec.hostnames).toEqual([hostname]);
  expect(routeBody.spec.rules[0].backendRefs[0]).toMatchObject({
    name: 'checkout',
    port: 8080,
  });

  // The catalog gets the hostname entity, owned by the tenant's group.
  const token = await guestToken(request);
  await expect
    .poll(
      async () => {
        const res = await request.get(
          `${BACKEND}/api/catalog/entities/by-name/resource/dev-cluster/${hostname}`,
          { headers: { Authorization: `Bearer ${token}` } },
        );
        return res.ok() ? (await res.json()).spec?.owner : res.status();
      },
      { timeout: 30_000 },
    )
    .toBe('group:default/team-a');

  // The component's Exposure tab shows the hostname, its route accepted and its certificate.
  const link = page.getByRole('link', { name: hostnameLink(hostname) }).first();
  await expect(async () => {
    await page.goto('/catalog/default/component/checkout/exposure');
    await expect(link).toBeVisible({ timeout: 15_000 });
    const row = page.getByRole('row').filter({ has: link });
    await expect(row.getByText('Accepted', { exact: true })).toBeVisible({
      timeout: 5_000,
    });
    await expect(row.getByText('Ready', { exact: true })).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 90_000 });
  await link.scrollIntoViewIfNeeded();
  await page.screenshot({
    path: testInfo.outputPath('expose-exposure-tab.png'),
    fullPage: true,
  });
});
