import { expect, test, type Page } from '@playwright/test';
import {
  exposeThroughApi,
  freshHostname,
  guestToken,
  hostnameLink,
  shot,
  signIn,
} from './support';

const EXAMPLE_HOSTNAMES = [
  'checkout.team-a.example.org',
  'admin.checkout.team-a.example.org',
  'payments.team-b.example.org',
  'ledger.team-b.example.org',
  'broken.fail.team-b.example.org',
  'catalog.team-c.example.org',
  'billing.team-c.example.org',
];

const link = (page: Page, hostname: string) =>
  page.getByRole('link', { name: hostnameLink(hostname) });

// The platform team's page: every example hostname with its TLS state; a link can pre-filter.
test('the Hostnames page lists every example hostname and filters by tenant', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await signIn(page);
  await page.getByRole('link', { name: 'Hostnames' }).click();
  await expect(page.getByText(/^All hostnames \(\d+\)$/)).toBeVisible();
  // The backend pages; other journeys add hostnames, so ask for a page that holds them all.
  await page.goto('/gateway-api/hostnames?pageSize=100');
  for (const hostname of EXAMPLE_HOSTNAMES) {
    await expect(link(page, hostname).first()).toBeVisible();
  }
  await expect(page.getByText('Expiring').first()).toBeVisible();
  await shot(page, testInfo, 'hostnames', { docsName: 'hostnames' });

  await page.goto('/gateway-api/hostnames?tenant=team-b&pageSize=100');
  await expect(link(page, 'payments.team-b.example.org')).toBeVisible();
  await expect(link(page, 'checkout.team-a.example.org')).toHaveCount(0);
  await shot(page, testInfo, 'hostnames-team-b');
});

// Journey 8. A hostname exposed a moment ago shows on the page with its certificate Ready
// (the dev cluster's simulated cert-manager issues it), and the tenant filter finds it.
test('the Hostnames page shows a new hostname with its TLS state and finds it by tenant', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(240_000);
  const hostname = freshHostname('e2e-hostnames', 'team-a.example.org');
  const token = await guestToken(request);
  await exposeThroughApi(request, token, {
    component: 'component:default/checkout',
    tenant: 'team-a',
    hostname,
    namespace: 'checkout',
    serviceName: 'checkout',
    port: 8080,
  });

  await page.goto('/gateway-api/hostnames?pageSize=100');
  await signIn(page);
  // The page reads the backend's cache, which follows the cluster's watch: reload until the
  // row shows the issued certificate.
  const row = page.getByRole('row').filter({ has: link(page, hostname) });
  await expect(async () => {
    await page.reload();
    await expect(row.getByText('Ready', { exact: true })).toBeVisible({
      timeout: 10_000,
    });
  }).toPass({ timeout: 90_000 });
  await expect(row.getByText('Working', { exact: true })).toBeVisible();
  // The expiry date of a fresh certificate (90 days by default).
  await expect(row.getByText(/\(\d+ days left\)/)).toBeVisible();

  // The tenant filter: team-a's rows stay, other tenants' rows go, the URL keeps the filter.
  // The backend counts each tenant's hostnames for the filter.
  await page
    .getByRole('group', { name: 'Filter the hostnames' })
    .getByRole('button', { name: /Tenant/ })
    .click();
  await page.getByRole('option', { name: /^team-a \(\d+\)$/ }).click();
  await page.keyboard.press('Escape');
  // The menu fades out after it closes; wait until it is gone from the page.
  await expect(page.locator('[class*="MuiPopover-root"]')).toHaveCount(0);
  await expect(page).toHaveURL(/[?&]tenant=team-a(&|$)/);
  await expect(row.getByText('Ready', { exact: true })).toBeVisible();
  await expect(link(page, 'checkout.team-a.example.org').first()).toBeVisible();
  await expect(link(page, 'payments.team-b.example.org')).toHaveCount(0);
  await expect(link(page, 'catalog.team-c.example.org')).toHaveCount(0);
  await shot(page, testInfo, 'hostnames-filtered', {
    docsName: 'hostnames-filtered-by-tenant',
  });

  // The same filter as a link, and another tenant's filter hides the new hostname.
  await page.goto('/gateway-api/hostnames?tenant=team-a&pageSize=100');
  await expect(link(page, hostname)).toBeVisible();
  await page.goto('/gateway-api/hostnames?tenant=team-c');
  await expect(link(page, 'catalog.team-c.example.org').first()).toBeVisible();
  await expect(link(page, hostname)).toHaveCount(0);
});

// A service team's view of a failing certificate: the state and the hint that explains it.
test('the Exposure tab explains a failing HTTP-01 challenge', async ({
  page,
}, testInfo) => {
  await page.goto('/catalog/default/component/payments/exposure');
  await signIn(page);
  await expect(
    link(page, 'broken.fail.team-b.example.org').first(),
  ).toBeVisible();
  await expect(page.getByText(/HTTP-01/).first()).toBeVisible();
  await shot(page, testInfo, 'exposure-failing', {
    docsName: 'exposure-failing-http01',
  });
});
