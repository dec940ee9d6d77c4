import { expect, test } from '@playwright/test';

// The link's accessible name starts with the hostname (an "opens in a new tab" hint follows).
const hostnameLink = (hostname: string) =>
  new RegExp(`^${hostname.replace(/[.*]/g, c => `\\${c}`)}`);

const EXAMPLE_HOSTNAMES = [
  'checkout.team-a.example.org',
  'admin.checkout.team-a.example.org',
  'payments.team-b.example.org',
  'ledger.team-b.example.org',
  'broken.fail.team-b.example.org',
  'catalog.team-c.example.org',
  'billing.team-c.example.org',
];

// The platform team's page: every example hostname with its TLS state; a link can pre-filter.
test('the Hostnames page lists every example hostname and filters by tenant', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  if (await enter.isVisible({ timeout: 60_000 }).catch(() => false)) {
    await enter.click();
  }
  await page.getByRole('link', { name: 'Hostnames' }).click();
  for (const hostname of EXAMPLE_HOSTNAMES) {
    await expect(
      page.getByRole('link', { name: hostnameLink(hostname) }).first(),
    ).toBeVisible();
  }
  await expect(page.getByText('Expiring').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('hostnames.png') });

  await page.goto('/gateway-api/hostnames?tenant=team-b');
  await expect(
    page.getByRole('link', {
      name: hostnameLink('payments.team-b.example.org'),
    }),
  ).toBeVisible();
  await expect(
    page.getByRole('link', {
      name: hostnameLink('checkout.team-a.example.org'),
    }),
  ).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('hostnames-team-b.png') });
});

// A service team's view of a failing certificate: the state and the hint that explains it.
test('the Exposure tab explains a failing HTTP-01 challenge', async ({
  page,
}, testInfo) => {
  await page.goto('/catalog/default/component/payments/exposure');
  const enter = page.getByRole('button', { name: 'Enter' });
  if (await enter.isVisible({ timeout: 10_000 }).catch(() => false)) {
    await enter.click();
  }
  await expect(
    page
      .getByRole('link', { name: /^broken\.fail\.team-b\.example\.org/ })
      .first(),
  ).toBeVisible();
  await expect(page.getByText(/HTTP-01/).first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('exposure-failing.png') });
});
