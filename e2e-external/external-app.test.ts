import { expect, test, type Page } from '@playwright/test';

// The README's install section, checked in an app made by @backstage/create-app outside this
// workspace with the packed tarballs installed (packages/toolchain/external-app-test.sh). The
// app is on the new frontend system (features discovered from packages/app/package.json) or,
// with EXTERNAL_APP_MODE=legacy, a legacy app wired with the README's legacy lines.
const legacy = process.env.EXTERNAL_APP_MODE === 'legacy';

/** Waits for the app, entering as the guest if the sign-in page shows. */
async function signIn(page: Page) {
  const enter = page.getByRole('button', { name: 'Enter' });
  const app = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(enter.or(app).first()).toBeAttached({ timeout: 120_000 });
  if (await enter.isVisible()) {
    await enter.click();
    await expect(app).toBeAttached();
  }
}

const hostnameLink = (page: Page, hostname: string) =>
  page.getByRole('link', {
    name: new RegExp(`^${hostname.replace(/\./g, '\\.')}`),
  });

test(`${
  legacy ? 'legacy' : 'new frontend system'
}: the Exposure tab of a component lists its hostnames`, async ({ page }) => {
  await page.goto('/catalog/default/component/checkout');
  await signIn(page);
  await expect(page.getByRole('heading', { name: 'Checkout' })).toBeVisible();
  // The legacy entity page draws tabs; the new one's header links.
  await page
    .getByRole('tab', { name: 'Exposure' })
    .or(page.getByRole('link', { name: 'Exposure', exact: true }))
    .click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/checkout\/exposure/,
  );
  // Rows come from the backend reading the dev cluster: the example routes of team-a.
  await expect(
    hostnameLink(page, 'checkout.team-a.example.org').first(),
  ).toBeVisible();
  await expect(
    hostnameLink(page, 'admin.checkout.team-a.example.org').first(),
  ).toBeVisible();
});

test(`${
  legacy ? 'legacy' : 'new frontend system'
}: the Hostnames page lists the cluster's hostnames`, async ({ page }) => {
  await page.goto('/');
  await signIn(page);
  await page.getByRole('link', { name: 'Hostnames' }).click();
  await expect(page).toHaveURL(/\/gateway-api\/hostnames/);
  await expect(page.getByText(/^All hostnames \(\d+\)$/)).toBeVisible();
  for (const hostname of [
    'checkout.team-a.example.org',
    'payments.team-b.example.org',
    'catalog.team-c.example.org',
  ]) {
    await expect(hostnameLink(page, hostname).first()).toBeVisible();
  }
});

test(`${
  legacy ? 'legacy' : 'new frontend system'
}: the expose form has the tenant and hostname fields`, async ({ page }) => {
  await page.goto('/create/templates/default/expose-service');
  await signIn(page);
  await expect(page.getByText('Expose a service').first()).toBeVisible();
  // GatewayTenantPicker: the tenants the backend reads from the cluster.
  await page.getByRole('button', { name: 'Tenant' }).click();
  await expect(page.getByRole('option', { name: /^team-a/ })).toBeVisible();
  await page.getByRole('option', { name: /^team-a/ }).click();
  // GatewayHostnamePicker: checked against the tenant's domains as one types.
  const hostField = page.getByRole('textbox', { name: /Hostname/ });
  await hostField.fill('x.team-b.example.org');
  await expect(
    page.getByText(/is not inside a domain of tenant "team-a"/),
  ).toBeVisible();
  const hostname = `external-${Date.now().toString(36)}.team-a.example.org`;
  await hostField.fill(hostname);
  await expect(
    page.getByText(
      `Allowed for tenant team-a: will be exposed as ${hostname}.`,
    ),
  ).toBeVisible();
});
