import { expect, test } from '@playwright/test';
import { hostnameLink, shot, signIn } from './support';

test.use({ actionTimeout: 30_000 });

// The policies in force on a hostname and the client-IP and policy mistakes of the example
// cluster (examples/cluster/9x-policies-*.yaml), on checkout's and payments' Exposure tabs and
// team-a's tenant card, with the verdicts the dev cluster's Envoy Gateway and NGINX Gateway
// Fabric write.
test('the Exposure tab shows the policies in force on a hostname, and the mistakes with their hints', async ({
  page,
}, testInfo) => {
  await page.goto('/catalog/default/component/checkout/exposure');
  await signIn(page);

  const link = page.getByRole('link', {
    name: hostnameLink('checkout.team-a.example.org'),
  });
  const row = page.getByRole('row').filter({ has: link });
  await row.getByRole('button').first().click();
  const policies = page.getByRole('table', { name: 'Policies in force' });
  // A row by its first cell, the policy's own name (another row may name it as its winner).
  const policyRow = (name: string) =>
    policies
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name, exact: true }) });
  await expect(
    policyRow('BackendTrafficPolicy checkout/checkout'),
  ).toContainText('request timeout 5s');
  await expect(
    policyRow('BackendTrafficPolicy checkout/checkout'),
  ).toContainText('In force');
  await expect(
    policyRow('BackendTrafficPolicy tenant-team-a/checkout-gateway-defaults'),
  ).toContainText('Overridden by BackendTrafficPolicy checkout/checkout');
  await expect(
    policyRow('SecurityPolicy checkout/checkout-cors'),
  ).toContainText('CORS from https://shop.team-a.example.org');
  // The newer SecurityPolicy on the same route: the controller says Conflicted.
  await expect(policyRow('SecurityPolicy checkout/checkout-jwt')).toContainText(
    'Conflicted',
  );
  await expect(
    policyRow('ClientTrafficPolicy tenant-team-a/checkout'),
  ).toContainText('client IP from X-Forwarded-For (1 trusted hop)');
  // A policy of the namespace that applies to nothing, with its hint.
  await expect(
    page
      .getByText(
        /"checkout\/checkout-v1-retries": HTTPRoute "checkout-v1" matches nothing/,
      )
      .first(),
  ).toBeVisible();
  await policies.scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'exposure-policies', {
    fullPage: true,
    docsName: 'exposure-policies',
  });

  // The Gateway whose load balancer sends PROXY protocol no policy reads.
  const direct = page.getByRole('row').filter({
    has: page.getByRole('link', {
      name: hostnameLink('direct.checkout.team-a.example.org'),
    }),
  });
  await direct.getByRole('button').first().click();
  await expect(
    page.getByText(/no ClientTrafficPolicy reads it on any listener/).first(),
  ).toBeVisible();
  await expect(
    page
      .getByText(/Envoy takes the header for a malformed HTTP request/)
      .first(),
  ).toBeVisible();
  await shot(page, testInfo, 'exposure-proxy-protocol', { fullPage: true });

  // NGINX Gateway Fabric's policies on payments' API hostname, with the verdict its simulated
  // controller writes on the route itself.
  await page.goto('/catalog/default/component/payments/exposure');
  await signIn(page);
  const api = page.getByRole('row').filter({
    has: page.getByRole('link', {
      name: hostnameLink('api.payments.team-b.example.org'),
    }),
  });
  await api.getByRole('button').first().click();
  await expect(
    policyRow('ClientSettingsPolicy payments/payments-api-uploads'),
  ).toContainText('request body up to 50m');
  await expect(
    policyRow('ClientSettingsPolicy payments/payments-api-uploads'),
  ).toContainText('In force');
  await expect(
    policyRow('ClientSettingsPolicy tenant-team-b/nginx-defaults'),
  ).toContainText(
    'In force, merged under ClientSettingsPolicy payments/payments-api-uploads',
  );
  await expect(
    policyRow('ClientSettingsPolicy payments/payments-api-uploads-strict'),
  ).toContainText('Conflicted');
  await expect(
    policyRow('UpstreamSettingsPolicy payments/payments-api'),
  ).toContainText('upstream keep-alive');
  // The route's WAFPolicy replaces the Gateway's baseline whole; both are accepted.
  await expect(policyRow('WAFPolicy payments/payments-api')).toContainText(
    'In force',
  );
  await expect(
    policyRow('WAFPolicy tenant-team-b/nginx-baseline'),
  ).toContainText('Overridden by WAFPolicy payments/payments-api');
  // Envoy Gateway's BackendTrafficPolicy on this route, which NGINX Gateway Fabric serves
  // (examples/cluster/94-policies-two-implementations.yaml): not in force here, and shown as
  // read by no controller, with its hint.
  await expect(
    policyRow('BackendTrafficPolicy payments/payments-api-retries'),
  ).toHaveCount(0);
  await expect(
    page
      .getByText(
        /"payments\/payments-api-retries" is Envoy Gateway's, but Gateway "tenant-team-b\/nginx" is served by NGINX Gateway Fabric: not read/,
      )
      .first(),
  ).toBeVisible();
  await expect(
    page.getByText(/run by another, whose controller ignores it/).first(),
  ).toBeVisible();
  await policies.scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'exposure-policies-nginx-gateway-fabric', {
    fullPage: true,
  });

  // The tenant card: the same Gateway mistakes, and the policy that applies to nothing.
  await page.goto('/catalog/dev-cluster/resource/team-a');
  await expect(
    page.getByRole('heading', { name: 'Gateway tenant-team-a/checkout-edge' }),
  ).toBeVisible();
  await expect(
    page.getByText(/sets proxyProtocol.optional: true/).first(),
  ).toBeVisible();
  await expect(
    page.getByText(/has 58 of the 64 listeners a Gateway may have/).first(),
  ).toBeVisible();
  await expect(
    page.getByRole('heading', { name: 'Policies that apply to nothing' }),
  ).toBeVisible();
  await shot(page, testInfo, 'tenant-card-mistakes', { fullPage: true });
});
