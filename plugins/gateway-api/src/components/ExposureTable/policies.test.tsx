import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  AppliedPolicy,
  Exposure,
  ExposureList,
  hintForCondition,
  hintForMistake,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { checkoutExposure } from '../../__fixtures__/exposures';
import { checkoutEntity } from '../../__testUtils__/entities';
import { gatewayApiServer } from '../../__testUtils__/gatewayApiServer';
import { EntityExposureContent } from '../EntityExposureContent';

// The Exposure tab's row details: the policies in force on a hostname, which wins, and the
// mistakes of its Gateway and of its namespace's policies, each with its hint.

const { answer, render } = gatewayApiServer();

const show = () =>
  render(
    <EntityProvider entity={checkoutEntity}>
      <EntityExposureContent />
    </EntityProvider>,
  );

const list = (...items: Exposure[]): ExposureList => ({
  items,
  pendingClusters: [],
});

const applied = (
  name: string,
  extra: Partial<AppliedPolicy>,
): AppliedPolicy => ({
  kind: 'BackendTrafficPolicy',
  group: 'gateway.envoyproxy.io',
  implementation: 'envoy-gateway',
  namespace: 'checkout',
  name,
  target: { kind: 'HTTPRoute', namespace: 'checkout', name: 'checkout' },
  settings: [],
  precedence: 'effective',
  status: { status: 'ok', summary: 'Accepted.' },
  ...extra,
});

const conflicted = {
  status: 'error' as const,
  summary:
    'SecurityPolicy "checkout/checkout-jwt" on Gateway "tenant-team-a/checkout": Accepted False (Conflicted)',
  type: 'Accepted',
  reason: 'Conflicted',
  hint: hintForCondition('Policy', 'Accepted', 'Conflicted'),
};

const withPolicies: Exposure = {
  ...checkoutExposure,
  policies: [
    applied('checkout', {
      settings: ['request timeout 5s', 'retries 3 on 5xx, reset'],
    }),
    applied('checkout-gateway-defaults', {
      namespace: 'tenant-team-a',
      target: { kind: 'Gateway', namespace: 'tenant-team-a', name: 'checkout' },
      settings: ['request timeout 15s'],
      precedence: 'overridden',
      overriddenBy: 'BackendTrafficPolicy checkout/checkout',
    }),
    applied('checkout-jwt', {
      kind: 'SecurityPolicy',
      settings: ['JWT authentication'],
      precedence: 'conflicted',
      overriddenBy: 'SecurityPolicy checkout/checkout-cors',
      status: conflicted,
    }),
  ],
  gateways: checkoutExposure.gateways.map(g => ({
    ...g,
    mistakes: [
      {
        status: 'error',
        mistake: 'proxyProtocolWithoutClientTrafficPolicy',
        summary:
          'The load balancer of Gateway "tenant-team-a/checkout" sends PROXY protocol, but no ClientTrafficPolicy reads it on any listener: every request there is answered 400.',
        hint: hintForMistake('proxyProtocolWithoutClientTrafficPolicy'),
      },
    ],
  })),
  unattachedPolicies: [
    {
      status: 'warning',
      mistake: 'policyTargetNotFound',
      summary:
        'BackendTrafficPolicy "checkout/checkout-v1-retries": HTTPRoute "checkout-v1" matches nothing in namespace "checkout", so the policy applies to nothing.',
      hint: hintForMistake('policyTargetNotFound'),
    },
    {
      status: 'warning',
      mistake: 'policyOfAnotherImplementation',
      summary:
        'UpstreamSettingsPolicy "checkout/checkout-lb" is NGINX Gateway Fabric\'s, but Gateway "tenant-team-a/checkout" is served by Envoy Gateway: not read, so the policy applies to nothing.',
      hint: hintForMistake('policyOfAnotherImplementation'),
    },
  ],
};

const openDetails = async () => {
  await userEvent.click(
    await screen.findByRole('button', {
      name: 'Detail panel visiblity toggle',
    }),
  );
};

describe("the policies in force on a hostname, in its row's details", () => {
  it('lists each policy with its target, what it sets, which wins, and the controller’s verdict', async () => {
    answer('/exposure', list(withPolicies));
    await show();
    await openDetails();
    const table = await screen.findByRole(
      'table',
      { name: 'Policies in force' },
      { timeout: 3000 },
    );
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map(row =>
        within(row)
          .getAllByRole('cell')
          .map(cell => cell.textContent),
      );
    expect(rows).toEqual([
      [
        'BackendTrafficPolicy checkout/checkout',
        'HTTPRoute checkout/checkout',
        'request timeout 5sretries 3 on 5xx, reset',
        'In force',
        'Accepted',
      ],
      [
        'BackendTrafficPolicy tenant-team-a/checkout-gateway-defaults',
        'Gateway tenant-team-a/checkout',
        'request timeout 15s',
        'Overridden by BackendTrafficPolicy checkout/checkout',
        'Accepted',
      ],
      [
        'SecurityPolicy checkout/checkout-jwt',
        'HTTPRoute checkout/checkout',
        'JWT authentication',
        'Not applied: the older SecurityPolicy checkout/checkout-cors',
        'Conflicted',
      ],
    ]);
  }, 15_000);

  it('explains the rejected policy, the Gateway’s mistake, the policy that applies to nothing and the one another implementation serves', async () => {
    answer('/exposure', list(withPolicies));
    await show();
    await openDetails();
    for (const text of [
      conflicted.summary,
      conflicted.hint!.fix,
      withPolicies.gateways[0].mistakes![0].summary,
      hintForMistake('proxyProtocolWithoutClientTrafficPolicy').fix,
      withPolicies.unattachedPolicies![0].summary,
      hintForMistake('policyTargetNotFound').meaning,
      withPolicies.unattachedPolicies![1].summary,
      hintForMistake('policyOfAnotherImplementation').meaning,
      hintForMistake('policyOfAnotherImplementation').fix,
    ]) {
      expect(
        await screen.findByText(text, undefined, { timeout: 3000 }),
      ).toBeInTheDocument();
    }
  }, 15_000);

  it('has no policies section when none applies', async () => {
    answer('/exposure', list(checkoutExposure));
    await show();
    await openDetails();
    await screen.findByText('Needs attention', undefined, { timeout: 3000 });
    expect(
      screen.queryByRole('table', { name: 'Policies in force' }),
    ).toBeNull();
  }, 15_000);
});
