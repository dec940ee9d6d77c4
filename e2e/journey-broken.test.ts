import { expect, test } from '@playwright/test';

test.use({ actionTimeout: 30_000 });

// A route whose namespace the shared Gateway's listener does not allow: the owner sees the
// reason on the component's Exposure tab, with a hint on how to fix it.
test('the Exposure tab explains a route not allowed by the listeners', async ({
  page,
}, testInfo) => {
  await page.goto('/catalog/default/component/legacy-billing/exposure');
  const enter = page.getByRole('button', { name: 'Enter' });
  if (await enter.isVisible({ timeout: 15_000 }).catch(() => false)) {
    await enter.click();
  }
  const link = page
    .getByRole('link', { name: /^preview\.billing\.team-c\.example\.org/ })
    .first();
  await expect(link).toBeVisible();
  const row = page.getByRole('row').filter({ has: link });
  await expect(row.getByText(/legacy-billing-preview/).first()).toBeVisible();
  await expect(row.getByText(/NotAllowedByListeners/).first()).toBeVisible();
  // The hint explains the cause and how to fix it.
  await expect(page.getByText(/need attention/).first()).toBeVisible();
  await expect(
    page
      .getByText(
        /No listener of Gateway gateway\/shared allows HTTPRoute from namespace billing-preview/,
      )
      .first(),
  ).toBeVisible();
  await expect(
    page
      .getByText(/namespace is not allowed by the listener's allowedRoutes/)
      .first(),
  ).toBeVisible();
  await expect(
    page
      .getByText(
        /label the namespace as the shared Gateway requires \(its opt-in label/,
      )
      .first(),
  ).toBeVisible();
  await page.screenshot({
    path: testInfo.outputPath('broken-route.png'),
    fullPage: true,
  });
});
