import { expect, test } from '@playwright/test';
import { hostnameLink, shot, signIn } from './support';

test.use({ actionTimeout: 30_000 });

// A route whose namespace the shared Gateway's listener does not allow: the owner sees the
// reason on the component's Exposure tab, with a hint on how to fix it.
test('the Exposure tab explains a route not allowed by the listeners', async ({
  page,
}, testInfo) => {
  await page.goto('/catalog/default/component/legacy-billing/exposure');
  await signIn(page);
  const link = page
    .getByRole('link', {
      name: hostnameLink('preview.billing.team-c.example.org'),
    })
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
  // The row's picture: client -> Gateway/listener -> route -> Service, the route marked with
  // the controller's reason in words.
  await row.getByRole('button').first().click();
  const path = page.getByRole('group', {
    name: /^Path of preview\.billing\.team-c\.example\.org/,
  });
  await expect(path).toBeVisible();
  await expect(path).toContainText('preview.billing.team-c.example.org');
  await expect(path).toContainText('NotAllowedByListeners');
  await expect(path).toContainText('billing-preview/legacy-billing');
  await shot(page, testInfo, 'broken-route', {
    fullPage: true,
    docsName: 'exposure-path-broken',
  });
});
