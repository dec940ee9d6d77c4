import { expect, test } from '@playwright/test';
import { hostnameLink, shot, signIn } from './support';

// The foundation's smoke journey: sign in, open the catalog, open an example component and
// its Exposure tab. Screenshots are kept as test artifacts in e2e-test-results/.
test('a component shows its Exposure tab', async ({ page }, testInfo) => {
  await page.goto('/');
  await signIn(page);

  await expect(page.getByText('Gatehouse Catalog')).toBeVisible();
  await page.getByRole('link', { name: 'Checkout' }).click();
  await expect(page.getByRole('heading', { name: 'Checkout' })).toBeVisible();
  // The overview card lists the component's hostnames.
  await expect(
    page.getByRole('link', {
      name: hostnameLink('checkout.team-a.example.org'),
    }),
  ).toBeVisible();
  // The catalog's relations graph draws after the page; wait for it so the shot is whole.
  await expect(
    page
      .getByRole('article')
      .filter({ hasText: 'Relations' })
      .getByText('team-a')
      .first(),
  ).toBeVisible();
  await shot(page, testInfo, 'component-overview', {
    fullPage: true,
    docsName: 'exposure-card',
  });

  // The entity page's tabs are links in its content navigation.
  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'Exposure' })
    .click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/checkout\/exposure/,
  );
  await expect(
    page.getByRole('link', {
      name: hostnameLink('checkout.team-a.example.org'),
    }),
  ).toBeVisible();
  await shot(page, testInfo, 'exposure-tab', { fullPage: true });
});
