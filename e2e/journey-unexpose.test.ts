import { expect, test } from '@playwright/test';
import {
  catalogEntity,
  clusterGet,
  clusterPaths,
  exposeThroughApi,
  freshHostname,
  guestToken,
  hostnameEntity,
  shot,
  signIn,
} from './support';

test.use({ actionTimeout: 30_000 });

// Journey 6. team-c is cluster-shared: an exposed hostname gets its own HTTPRoute, and in the
// tenant namespace its own ListenerSet on the platform's shared Gateway and its Certificate,
// and its namespace's opt-in label. Unexpose must delete the first three and leave the shared
// Gateway, the other hostnames and the label alone.
test('a team unexposes a hostname: its route and what it alone needed go, shared objects stay', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(240_000);
  const hostname = freshHostname('e2e-unexpose', 'team-c.example.org');
  const token = await guestToken(request);

  // Setup through the scaffolder API: the expose journey drives the form already.
  await exposeThroughApi(request, token, {
    component: 'component:default/catalog-api',
    tenant: 'team-c',
    hostname,
    namespace: 'catalog',
    serviceName: 'catalog-api',
    port: 8080,
  });
  const routePath = clusterPaths.httpRoute('catalog', hostname);
  const certificatePath = clusterPaths.certificate(
    'tenant-team-c',
    `${hostname}-tls`,
  );
  const listenerSetPath = clusterPaths.listenerSet('tenant-team-c', hostname);
  const sharedGatewayPath = clusterPaths.gateway('gateway', 'shared');
  const listenerNames = async () => {
    const res = await clusterGet(request, sharedGatewayPath);
    expect(res.status()).toBe(200);
    return ((await res.json()).spec.listeners as { name: string }[]).map(
      l => l.name,
    );
  };
  expect((await clusterGet(request, routePath)).status()).toBe(200);
  expect((await clusterGet(request, certificatePath)).status()).toBe(200);
  expect((await clusterGet(request, listenerSetPath)).status()).toBe(200);
  // The hostname's listener is in its ListenerSet, not on the shared Gateway.
  expect(await listenerNames()).not.toContain(hostname);

  // The catalog learns the hostname from the cluster; the form picks it from there.
  await expect
    .poll(
      async () => {
        const entity = await catalogEntity(
          request,
          token,
          hostnameEntity(hostname),
        );
        return typeof entity === 'number' ? entity : entity.metadata.title;
      },
      { timeout: 60_000 },
    )
    .toBe(hostname);

  await page.goto('/create/templates/default/unexpose-service');
  await signIn(page);
  await expect(page.getByText('Unexpose a service').first()).toBeVisible();
  await page.getByRole('button', { name: 'Tenant' }).click();
  await page.getByRole('option', { name: /^team-c/ }).click();
  const picker = page.getByRole('textbox', { name: 'Hostname' });
  await picker.click();
  await picker.fill(hostname);
  await page.getByRole('option', { name: hostname }).first().click();
  await expect(picker).toHaveValue(new RegExp(hostname.replace(/\./g, '\\.')));
  await shot(page, testInfo, 'unexpose-form', { docsName: 'unexpose-form' });
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(/\/create\/tasks\//);

  // The task's output lists what it removed and what it released from shared objects.
  const output = page.getByTestId('text-output-box');
  await expect(output).toContainText(`HTTPRoute/catalog/${hostname}`, {
    timeout: 90_000,
  });
  await expect(output).toContainText(
    `Certificate/tenant-team-c/${hostname}-tls`,
  );
  await expect(output).toContainText(`ListenerSet/tenant-team-c/${hostname}`);
  await shot(page, testInfo, 'unexpose-done', {
    docsName: 'unexpose-done',
    fullPage: true,
  });

  // Gone: the route, the ListenerSet and the certificate, which existed for this hostname
  // alone. The shared Gateway keeps its listener; the other hostnames keep their ListenerSets.
  expect((await clusterGet(request, routePath)).status()).toBe(404);
  expect((await clusterGet(request, certificatePath)).status()).toBe(404);
  expect((await clusterGet(request, listenerSetPath)).status()).toBe(404);
  expect(await listenerNames()).toEqual(['http']);
  expect(
    (
      await clusterGet(
        request,
        clusterPaths.listenerSet('tenant-team-c', 'catalog.team-c.example.org'),
      )
    ).status(),
  ).toBe(200);
  // Kept: the namespace's opt-in label, which the other routes of `catalog` still need, and
  // the component's other route.
  const namespace = await clusterGet(
    request,
    clusterPaths.namespace('catalog'),
  );
  expect((await namespace.json()).metadata.labels).toMatchObject({
    'shared-gateway-access': 'true',
  });
  expect(
    (
      await clusterGet(
        request,
        clusterPaths.httpRoute('catalog', 'catalog-api'),
      )
    ).status(),
  ).toBe(200);

  // The hostname leaves the catalog once the provider sees the route gone.
  await expect
    .poll(async () => catalogEntity(request, token, hostnameEntity(hostname)), {
      timeout: 60_000,
    })
    .toBe(404);
});
