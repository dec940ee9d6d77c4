import { expect, test } from '@playwright/test';
import { shot, signIn } from './support';

test.use({ actionTimeout: 30_000 });

// A tenant's entity page shows the Gateways that serve it, read live from the cluster: its own
// Gateway for a tenant-shared tenant, and only its own listeners of the cluster-shared Gateway.
test('the tenant card shows the Gateways and listeners that serve each tenant', async ({
  page,
}, testInfo) => {
  await page.goto('/catalog/dev-cluster/resource/team-b');
  await signIn(page);
  // The entity page's content: on the new frontend system the page is no article of its own,
  // and the tenant card sits beside the catalog's cards.
  const card = page.getByRole('main');
  await expect(card.getByText('team-b.example.org').first()).toBeVisible();
  await expect(card.getByText('tenant-shared')).toBeVisible();
  await expect(card.getByText(/tenant-team-b\/gateway/).first()).toBeVisible();
  const passthrough = card
    .getByRole('row')
    .filter({ hasText: 'Passthrough' })
    .first();
  await expect(passthrough).toContainText('TLS/443');
  await expect(
    card.getByRole('row').filter({
      // Exactly this hostname: api.payments.team-b.example.org has a listener too.
      has: page.getByRole('cell', {
        name: 'payments.team-b.example.org',
        exact: true,
      }),
    }),
  ).toContainText('Terminate');
  // The catalog's relations graph draws after the page; wait for it so the shot is whole.
  await expect(
    page
      .getByRole('article')
      .filter({ hasText: 'Relations' })
      .getByText('tenant-team-b/gateway')
      .first(),
  ).toBeVisible();
  await shot(page, testInfo, 'tenant-card', {
    fullPage: true,
    docsName: 'tenant-card',
  });

  await page.goto('/catalog/dev-cluster/resource/team-c');
  const shared = page.getByRole('main');
  await expect(shared.getByText(/gateway\/shared/).first()).toBeVisible();
  await expect(
    shared.getByRole('row').filter({ hasText: 'catalog.team-c.example.org' }),
  ).toContainText('HTTPS/443');
  // The shared Gateway serves other tenants too; none of their listeners show here.
  await expect(
    shared.getByText(/team-a\.example\.org|team-b\.example\.org/),
  ).toHaveCount(0);
});
