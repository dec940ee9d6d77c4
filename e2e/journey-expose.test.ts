import { expect, test } from '@playwright/test';
import {
  catalogEntity,
  clusterGet,
  clusterPaths,
  guestToken,
  hostnameEntity,
  hostnameLink,
  shot,
  signIn,
  taskEvents,
} from './support';

test.use({ actionTimeout: 30_000 });

/** A name in team-a's domain that team-c's legacy route serves (examples/cluster/90-common-mistakes.yaml). */
const TAKEN = 'invoices.team-a.example.org';
const TAKEN_BY = 'HTTPRoute/billing/legacy-invoices';

// Journeys 2 and 3. A service team exposes its component on a new hostname of its own tenant
// through the "Expose a service" form, then finds the route, its status and the hostname
// entity with its relations.
test('a team exposes a service on a new hostname of its tenant', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(240_000);
  const hostname = `e2e-${Date.now()}.team-a.example.org`;

  await page.goto('/create/templates/default/expose-service');
  await signIn(page);
  await expect(page.getByText('Expose a service').first()).toBeVisible();

  // Component
  const component = page.getByRole('textbox', { name: 'Component' });
  await component.click();
  await component.fill('checkout');
  await page
    .getByRole('option', { name: /checkout/i })
    .first()
    .click();
  await expect(component).toHaveValue('component:default/checkout');

  // Tenant
  await page.getByRole('button', { name: 'Tenant' }).click();
  await expect(page.getByRole('option', { name: /^team-a/ })).toBeVisible();
  await page.getByRole('option', { name: /^team-a/ }).click();

  // The hostname field refuses a name in another tenant's domain...
  const hostField = page.getByRole('textbox', { name: /Hostname/ });
  await hostField.fill('x.team-b.example.org');
  await expect(
    page.getByText(/is not inside a domain of tenant "team-a"/),
  ).toBeVisible();
  await shot(page, testInfo, 'expose-refused');

  // ...and a name of its own domain that another route already serves, naming that route.
  await hostField.fill(TAKEN);
  await expect(
    page.getByText(
      `"${TAKEN}" overlaps "${TAKEN}", already served by ${TAKEN_BY} in cluster "dev-cluster" for tenant "team-c"; pick another hostname, or ask the platform team to move it.`,
    ),
  ).toBeVisible();
  await shot(page, testInfo, 'expose-taken', { docsName: 'expose-taken' });

  await hostField.fill(hostname);
  await expect(
    page.getByText(
      `Allowed for tenant team-a: will be exposed as ${hostname}.`,
    ),
  ).toBeVisible();
  await shot(page, testInfo, 'expose-allowed', {
    docsName: 'expose-form-hostname-check',
  });

  await page.getByRole('button', { name: 'Next' }).click();
  await page
    .getByRole('textbox', { name: /Namespace of the route/ })
    .fill('checkout');
  await page.getByRole('textbox', { name: /^Service/ }).fill('checkout');
  await page.getByRole('spinbutton', { name: /^Port/ }).fill('8080');
  await shot(page, testInfo, 'expose-what');
  await page.getByRole('button', { name: 'Review' }).click();
  await expect(page.getByText(hostname).first()).toBeVisible();
  await shot(page, testInfo, 'expose-review');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(/\/create\/tasks\//);
  await shot(page, testInfo, 'expose-task-running');

  // The task runs its step and completes; the output links to the new URL.
  await expect(page.getByText('Expose the service')).toBeVisible();
  await expect(
    page.getByRole('link', { name: `Open https://${hostname}` }),
  ).toBeVisible({ timeout: 150_000 });
  await expect(
    page.getByText(
      /^ready: route: .*Accepted.*certificate: Certificate is Ready/,
    ),
  ).toBeVisible();
  await shot(page, testInfo, 'expose-task-done', {
    docsName: 'expose-task-done',
  });

  // The task log shows the progress the action watched: the route waiting for its controller
  // and the certificate not issued yet, then the route Accepted and the certificate Ready.
  // (The dev cluster's controllers take a few hundred milliseconds, too little to catch the
  // pending state on the Exposure tab, which the test opens after the task.)
  await expect(
    page.getByText(/route: No controller has reported on this route yet/),
  ).toBeVisible();
  const token = await guestToken(request);
  const taskId = page.url().split('/create/tasks/')[1];
  const progress = (await taskEvents(request, token, taskId))
    .map(e => (e.type === 'log' ? String(e.body.message) : ''))
    .filter(m => m.includes('route: '));
  expect(progress.length).toBeGreaterThan(1);
  expect(progress[0]).toMatch(
    /route: No controller has reported on this route yet\..*certificate: (No Certificate exists|Certificate is being issued)/,
  );
  expect(progress[progress.length - 1]).toMatch(
    /route: .*Accepted, ResolvedRefs\. \| Gateway: Accepted, Programmed\. \| certificate: Certificate is Ready/,
  );

  // The HTTPRoute is in the cluster, named after the hostname, in the Service's namespace.
  const route = await clusterGet(
    request,
    clusterPaths.httpRoute('checkout', hostname),
  );
  expect(route.status()).toBe(200);
  const routeBody = await route.json();
  expect(routeBody.spec.hostnames).toEqual([hostname]);
  expect(routeBody.spec.rules[0].backendRefs[0]).toMatchObject({
    name: 'checkout',
    port: 8080,
  });
  const parent = routeBody.spec.parentRefs[0];
  expect(parent.namespace).toBe('tenant-team-a');

  // The catalog gets the hostname entity, owned by the tenant's group, depending on the
  // route's Gateway and a dependency of the component.
  let entity: any;
  await expect
    .poll(
      async () => {
        entity = await catalogEntity(request, token, hostnameEntity(hostname));
        return typeof entity === 'number' ? entity : entity.spec?.owner;
      },
      { timeout: 30_000 },
    )
    .toBe('group:default/team-a');
  const targets = (type: string) =>
    (entity.relations as { type: string; targetRef: string }[])
      .filter(r => r.type === type)
      .map(r => r.targetRef);
  expect(targets('ownedBy')).toEqual(['group:default/team-a']);
  expect(targets('dependencyOf')).toEqual(['component:default/checkout']);
  expect(targets('dependsOn')).toHaveLength(1);
  const [, gatewayNamespace, gatewayName] =
    /^resource:([^/]+)\/(.+)$/.exec(targets('dependsOn')[0]) ?? [];
  const gateway = await catalogEntity(request, token, {
    kind: 'resource',
    namespace: gatewayNamespace,
    name: gatewayName,
  });
  expect(gateway).toMatchObject({
    metadata: { title: `${parent.namespace}/${parent.name}` },
    spec: { type: 'gateway', owner: 'group:default/team-a' },
  });

  // The component's Exposure tab shows the hostname, its route accepted and its certificate.
  const link = page.getByRole('link', { name: hostnameLink(hostname) }).first();
  await expect(async () => {
    await page.goto('/catalog/default/component/checkout/exposure');
    await expect(link).toBeVisible({ timeout: 15_000 });
    const row = page.getByRole('row').filter({ has: link });
    await expect(row.getByText('Accepted', { exact: true })).toBeVisible({
      timeout: 5_000,
    });
    await expect(row.getByText('Ready', { exact: true })).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 90_000 });
  await link.scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'expose-exposure-tab', {
    docsName: 'exposure-tab-new-hostname',
    fullPage: true,
  });
});
