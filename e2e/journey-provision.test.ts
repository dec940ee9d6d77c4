import { expect, test } from '@playwright/test';
import {
  catalogEntity,
  CLUSTER_ENTITY_NAMESPACE,
  clusterGet,
  clusterPaths,
  guestToken,
  shot,
  signIn,
} from './support';

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
  await signIn(page);
  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  await shot(page, testInfo, 'provision-form');
  await page.getByRole('textbox', { name: /domains-0/ }).fill(domain);
  const owner = page.getByRole('textbox', { name: 'Owner group' });
  await owner.click();
  await owner.fill('platform');
  await page
    .getByRole('option', { name: /platform/ })
    .first()
    .click();
  await shot(page, testInfo, 'provision-tenant');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(
    page.getByText('Tenant-shared (one Gateway per tenant)').first(),
  ).toBeVisible();
  // Each certificate and client-IP choice reads once, in its select (no repeated heading),
  // and brings its own fields.
  await expect(page.getByText('Self-signed')).toHaveCount(1);
  await expect(page.getByText('Not needed')).toHaveCount(1);
  await page.getByRole('button', { name: /Issued by/ }).click();
  await page
    .getByRole('option', { name: "Let's Encrypt, HTTP-01 through the Gateway" })
    .click();
  await expect(
    page.getByText("Let's Encrypt, HTTP-01 through the Gateway"),
  ).toHaveCount(1);
  await page
    .getByRole('textbox', { name: /ACME account e-mail/ })
    .fill(`platform@${domain}`);
  await page
    .getByRole('button', { name: /How clients reach the Gateway/ })
    .click();
  await page.getByRole('option', { name: 'X-Forwarded-For' }).click();
  // The menu fades out after it closes; wait until it is gone from the page.
  await expect(page.locator('[class*="MuiPopover-root"]')).toHaveCount(0);
  await expect(
    page.getByRole('spinbutton', { name: /Trusted hops/ }),
  ).toHaveValue('1');
  await shot(page, testInfo, 'provision-gateways', {
    docsName: 'provision-form',
  });
  await page.getByRole('button', { name: 'Review' }).click();
  await expect(page.getByText(domain).first()).toBeVisible();
  await shot(page, testInfo, 'provision-review');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(/\/create\/tasks\//);
  await expect(
    page.getByRole('link', { name: /Hostnames of the tenant/i }),
  ).toBeVisible({ timeout: 120_000 });
  await expect(page.getByText(`tenant-${name}`).first()).toBeVisible();
  await shot(page, testInfo, 'provision-done');

  // The tenant shows in the catalog, owned by the chosen group.
  const token = await guestToken(request);
  await expect
    .poll(
      async () => {
        const entity = await catalogEntity(request, token, {
          kind: 'resource',
          namespace: CLUSTER_ENTITY_NAMESPACE,
          name,
        });
        if (typeof entity === 'number') return entity;
        return `${entity.spec?.type} ${entity.spec?.owner}`;
      },
      { timeout: 60_000 },
    )
    .toBe('gateway-tenant group:default/platform');

  // The choices reached the action as the objects it expects: the tenant's spec records them.
  const namespace = await clusterGet(
    request,
    clusterPaths.namespace(`tenant-${name}`),
  );
  const spec = JSON.parse(
    (await namespace.json()).metadata.annotations[
      'gateway-api.gatehouse.dev/spec'
    ],
  );
  expect(spec).toMatchObject({
    layout: 'tenant-shared',
    certificates: {
      type: 'acme-http01',
      server: 'staging',
      email: `platform@${domain}`,
    },
    clientIp: { mode: 'x-forwarded-for', numTrustedHops: 1 },
  });
});
