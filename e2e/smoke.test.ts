import { expect, test } from '@playwright/test';

// The foundation's smoke journey: sign in, open the catalog, open an example component and
// its Exposure tab. Screenshots are kept as test artifacts in e2e-test-results/.
test('a component shows its Exposure tab', async ({ page }, testInfo) => {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  if (await enter.isVisible({ timeout: 60_000 }).catch(() => false)) {
    await enter.click();
  }

  await expect(page.getByText('Gatehouse Catalog')).toBeVisible();
  await page.getByRole('link', { name: 'Checkout' }).click();
  await expect(page.getByRole('heading', { name: 'Checkout' })).toBeVisible();
  // The overview card lists the component's hostnames.
  await expect(
    page.getByRole('link', { name: /^checkout\.team-a\.example\.org/ }),
  ).toBeVisible();
  await page.screenshot({
    path: testInfo.outputPath('component-overview.png'),
    fullPage: true,
  });

  await page.getByRole('tab', { name: 'Exposure' }).click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/checkout\/exposure/,
  );
  await expect(
    page.getByRole('link', { name: /^checkout\.team-a\.example\.org/ }),
  ).toBeVisible();
  await page.screenshot({
    path: testInfo.outputPath('exposure-tab.png'),
    fullPage: true,
  });
});
