import { expect, test, type APIRequestContext } from '@playwright/test';
import {
  BACKEND,
  bearer,
  CLUSTER,
  CLUSTER_TOKEN,
  clusterGet,
  guestToken,
  hostnameLink,
  runTask,
  shot,
  signIn,
  taskEvents,
} from './support';

test.use({ actionTimeout: 30_000 });

const ingressPath = (ns: string, name: string) =>
  `/apis/networking.k8s.io/v1/namespaces/${ns}/ingresses/${name}`;

/** What GET /hostnames says of one hostname: its exposures' source, status and state. */
async function hostnameRows(
  request: APIRequestContext,
  token: string,
  hostname: string,
): Promise<Array<{ source: string; status: string; migration?: string }>> {
  const res = await request.get(
    `${BACKEND}/api/gateway-api/hostnames?search=${encodeURIComponent(
      hostname,
    )}`,
    { headers: bearer(token) },
  );
  expect(res.ok()).toBeTruthy();
  return ((await res.json()).items as any[])
    .filter(e => e.hostname === hostname)
    .map(e => ({
      source: e.source ?? 'Route',
      status: e.status.status,
      migration: e.migration,
    }));
}

// A team leaves ingress-nginx: its service on an Ingress shows "served by Ingress"; the
// "Migrate an Ingress" template shows the report, then translates it; the route and the
// Ingress serve side by side; cutover removes the Ingress, the hostname Working throughout;
// the Hostnames page counts what is left on Ingress.
test('a team migrates its Ingress to a route and cuts over, the hostname Working throughout', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(300_000);
  const stamp = Date.now().toString(36);
  const name = `storefront-${stamp}`;
  const hostname = `storefront-${stamp}.team-a.example.org`;
  // The portal's backend restarts when its sources change; each page is opened until it loads.
  const open = (path: string) =>
    expect(async () => {
      await page.goto(path);
      await signIn(page, 30_000);
    }).toPass({ timeout: 120_000 });
  await open('/gateway-api/hostnames');
  const token = await guestToken(request);

  // The team's service, still on ingress-nginx (made here so every run starts fresh).
  const created = await request.post(
    `${CLUSTER}/apis/networking.k8s.io/v1/namespaces/checkout/ingresses`,
    {
      headers: bearer(CLUSTER_TOKEN),
      data: {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: {
          name,
          namespace: 'checkout',
          labels: { 'backstage.io/kubernetes-id': 'checkout' },
          annotations: {
            'nginx.ingress.kubernetes.io/proxy-read-timeout': '60',
          },
        },
        spec: {
          ingressClassName: 'nginx',
          tls: [{ hosts: [hostname], secretName: `${name}-tls` }],
          rules: [
            {
              host: hostname,
              http: {
                paths: [
                  {
                    path: '/',
                    pathType: 'Prefix',
                    backend: {
                      service: { name: 'checkout', port: { number: 8080 } },
                    },
                  },
                ],
              },
            },
          ],
        },
      },
    },
  );
  expect(created.status()).toBe(201);

  // Served by ingress-nginx: Working, on Ingress only.
  await expect
    .poll(() => hostnameRows(request, token, hostname), { timeout: 60_000 })
    .toEqual([{ source: 'Ingress', status: 'ok', migration: 'ingress-only' }]);

  // The component's Exposure tab says it is served by the Ingress, with class and address.
  const link = page.getByRole('link', { name: hostnameLink(hostname) }).first();
  await expect(async () => {
    await open('/catalog/default/component/checkout/exposure');
    await expect(link).toBeVisible({ timeout: 15_000 });
  }).toPass({ timeout: 120_000 });
  const ingressRow = page.getByRole('row').filter({ has: link });
  await expect(
    ingressRow.getByText(`Served by Ingress checkout/${name}`),
  ).toBeVisible();
  await expect(
    ingressRow.getByText(/IngressClass nginx · 192\.0\.2\./),
  ).toBeVisible();
  await expect(ingressRow.getByText(`TLS Secret ${name}-tls`)).toBeVisible();
  await expect(ingressRow.getByText('Not migrated yet')).toBeVisible();
  await ingressRow.scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'exposure-served-by-ingress', {
    docsName: 'exposure-served-by-ingress',
  });

  // The Hostnames page counts what is left on Ingress, per tenant.
  await open('/gateway-api/hostnames');
  const section = page.getByText('Ingress migration').first();
  await expect(section).toBeVisible();
  const leftBefore = await leftOnIngress(page);
  expect(leftBefore).toBeGreaterThan(0);

  // The template shows the report first ("only show the report" is ticked by default).
  await open('/create/templates/default/migrate-ingress');
  await expect(page.getByText('Migrate an Ingress').first()).toBeVisible();
  await page.getByRole('button', { name: 'Tenant' }).click();
  await page.getByRole('option', { name: /^team-a/ }).click();
  await page
    .getByRole('textbox', { name: /^Ingress/ })
    .fill(`checkout/${name}`);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(
    page.getByRole('checkbox', { name: /Only show the report/ }),
  ).toBeChecked();
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(/\/create\/tasks\//);
  const output = page.getByTestId('text-output-box');
  await expect(output).toContainText(`Ingress checkout/${name}: 1 route(s)`, {
    timeout: 90_000,
  });
  await expect(output).toContainText('proxy-read-timeout');
  await shot(page, testInfo, 'migrate-ingress-report', {
    docsName: 'migrate-ingress-report',
    fullPage: true,
  });
  // Nothing written yet.
  expect(await hostnameRows(request, token, hostname)).toEqual([
    { source: 'Ingress', status: 'ok', migration: 'ingress-only' },
  ]);

  // Then migrates: the route joins the Ingress, both serve, still Working.
  const migrate = await runTask(
    request,
    token,
    'template:default/migrate-ingress',
    {
      tenant: 'team-a',
      ingress: `checkout/${name}`,
      planOnly: false,
      tls: 'cert-manager',
      acceptedDifferences: [],
    },
  );
  if (migrate.status !== 'completed') {
    throw new Error(
      JSON.stringify(
        (await taskEvents(request, token, migrate.id)).find(
          e => e.type === 'completion',
        )?.body,
      ),
    );
  }
  await expect
    .poll(
      async () =>
        (await hostnameRows(request, token, hostname))
          .map(r => `${r.source}:${r.migration}`)
          .sort(),
      { timeout: 60_000 },
    )
    .toEqual(['Ingress:both', 'Route:both']);
  // Working on both sides once the route is Accepted and its certificate Ready.
  await expect
    .poll(
      async () =>
        (await hostnameRows(request, token, hostname)).map(r => r.status),
      { timeout: 90_000 },
    )
    .toEqual(['ok', 'ok']);
  await expect(async () => {
    await open('/catalog/default/component/checkout/exposure');
    await expect(page.getByText('Side by side').first()).toBeVisible({
      timeout: 15_000,
    });
  }).toPass({ timeout: 120_000 });
  await shot(page, testInfo, 'exposure-side-by-side', {
    docsName: 'exposure-ingress-side-by-side',
    fullPage: true,
  });

  // Cutover removes the Ingress; the hostname stays Working on its route.
  const cutover = await runTask(
    request,
    token,
    'template:default/cutover-ingress',
    {
      tenant: 'team-a',
      ingress: `checkout/${name}`,
      step: 'cutover',
    },
  );
  if (cutover.status !== 'completed') {
    throw new Error(
      JSON.stringify(
        (await taskEvents(request, token, cutover.id)).find(
          e => e.type === 'completion',
        )?.body,
      ),
    );
  }
  expect(
    (await clusterGet(request, ingressPath('checkout', name))).status(),
  ).toBe(404);
  await expect
    .poll(() => hostnameRows(request, token, hostname), { timeout: 60_000 })
    .toEqual([{ source: 'Route', status: 'ok', migration: 'moved' }]);

  // The Hostnames page counts one hostname fewer on Ingress.
  await expect(async () => {
    await open('/gateway-api/hostnames');
    expect(await leftOnIngress(page)).toBe(leftBefore - 1);
  }).toPass({ timeout: 120_000 });
  await page.getByText('Ingress migration').first().scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'hostnames-ingress-migration', {
    docsName: 'hostnames-ingress-migration',
  });
});

/** "N hostnames of M tenants still on Ingress" from the Hostnames page's migration section. */
async function leftOnIngress(page: import('@playwright/test').Page) {
  const text = await page
    .getByText(/still on Ingress/)
    .first()
    .textContent({ timeout: 30_000 });
  return Number(/^(\d+) hostname/.exec(text ?? '')?.[1] ?? NaN);
}
