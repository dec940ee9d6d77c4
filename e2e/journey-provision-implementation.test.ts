import { expect, test } from '@playwright/test';
import { clusterGet, clusterPaths, shot, signIn } from './support';

test.use({ actionTimeout: 30_000 });

// The platform team picks the Gateway API implementation in the form; the tenant's Gateway runs
// on that implementation's GatewayClass and its controller accepts it.
test('the platform team provisions a tenant on NGINX Gateway Fabric', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(180_000);
  const name = `e2e-ngf-${Date.now()}`;
  const domain = `${name}.example.org`;

  await page.goto('/create/templates/default/provision-tenant');
  await signIn(page);
  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  await page.getByRole('textbox', { name: /domains-0/ }).fill(domain);
  const owner = page.getByRole('textbox', { name: 'Owner group' });
  await owner.click();
  await owner.fill('platform');
  await page
    .getByRole('option', { name: /platform/ })
    .first()
    .click();
  await page.getByRole('button', { name: 'Next' }).click();

  // Envoy Gateway by default; every implementation Gatehouse knows is offered.
  const implementation = page.getByRole('button', {
    name: /Gateway API implementation/,
  });
  await expect(implementation).toContainText('Envoy Gateway');
  await implementation.click();
  for (const offered of ['Envoy Gateway', 'NGINX Gateway Fabric', 'Cilium']) {
    await expect(page.getByRole('option', { name: offered })).toBeVisible();
  }
  await shot(page, testInfo, 'provision-implementation');
  await page.getByRole('option', { name: 'NGINX Gateway Fabric' }).click();
  await expect(page.locator('[class*="MuiPopover-root"]')).toHaveCount(0);
  await expect(implementation).toContainText('NGINX Gateway Fabric');

  await page.getByRole('button', { name: 'Review' }).click();
  await expect(page.getByText(domain).first()).toBeVisible();
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(/\/create\/tasks\//);
  await expect(
    page.getByRole('link', { name: /Hostnames of the tenant/i }),
  ).toBeVisible({ timeout: 120_000 });

  // The tenant runs on NGINX Gateway Fabric's own GatewayClass, and its controller accepted it.
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
    controllerName: 'gateway.nginx.org/nginx-gateway-controller',
    gatewayClassName: 'nginx',
  });
  await expect
    .poll(
      async () => {
        const gateway = await (
          await clusterGet(
            request,
            clusterPaths.gateway(`tenant-${name}`, name),
          )
        ).json();
        const accepted = (gateway.status?.conditions ?? []).find(
          (c: { type: string }) => c.type === 'Accepted',
        );
        return `${gateway.spec?.gatewayClassName} ${accepted?.status} ${accepted?.message}`;
      },
      { timeout: 60_000 },
    )
    .toBe('nginx True The Gateway is accepted');
});
