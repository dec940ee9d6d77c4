import { expect, test } from '@playwright/test';

const BACKEND = 'http://localhost:7007';

test.use({ actionTimeout: 30_000 });

// The platform team provisions a tenant through the form; the tenant shows in the catalog.
test('the platform team provisions a tenant-shared tenant', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(180_000);
  const name = `e2e-${Date.now()}`;
  const domain = `${name}.example.org`;

  await page.goto('/create/templates/default/provision-tenant');
  const enter = page.getByRole('button', { name: 'Enter' });
  if (await enter.isVisible({ timeout: 15_000 }).catch(() => false)) {
    await enter.click();
  }
  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  await page.screenshot({ path: testInfo.outputPath('provision-form.png') });
  await page.getByRole('textbox', { name: /domains-0/ }).fill(domain);
  const owner = page.getByRole('textbox', { name: 'Owner group' });
  await owner.click();
  await owner.fill('platform');
  await page
    .getByRole('option', { name: /platform/ })
    .first()
    .click();
  await page.screenshot({ path: testInfo.outputPath('provision-tenant.png') });
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(
    page.getByText('Tenant-shared (one Gateway per tenant)').first(),
  ).toBeVisible();
  await page.screenshot({
    path: testInfo.outputPath('provision-gateways.png'),
  });
  await page.getByRole('button', { name: 'Review' }).click();
  await expect(page.getByText(domain).first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('provision-review.png') });
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(/\/create\/tasks\//);
  await expect(
    page.getByRole('link', { name: /Hostnames of the tenant/i }),
  ).toBeVisible({ timeout: 120_000 });
  await expect(page.getByText(`tenant-${name}`).first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('provision-done.png') });

  // The tenant shows in the catalog, owned by the chosen group.
  const refresh = await request.get(
    `${BACKEND}/api/auth/guest/refresh?env=development`,
    { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
  );
  const token = (await refresh.json()).backstageIdentity.token as string;
  await expect
    .poll(
      async () => {
        const res = await request.get(
          `${BACKEND}/api/catalog/entities/by-name/resource/dev-cluster/${name}`,
          { headers: { Authorization: `Bearer ${token}` } },
        );
        if (!res.ok()) return res.status();
        const entity = await res.json();
        return `${entity.spec?.type} ${entity.spec?.owner}`;
      },
      { timeout: 60_000 },
    )
    .toBe('gateway-tenant group:default/platform');
});
