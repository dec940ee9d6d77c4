import { EntityProvider } from '@backstage/plugin-catalog-react';
import { TenantDetail } from '@gatehouse/backstage-plugin-gateway-api-common';
import { screen, within } from '@testing-library/react';
import { teamBTenant } from '../../__fixtures__/tenantDetail';
import { teamBTenantEntity } from '../../__testUtils__/entities';
import { gatewayApiServer } from '../../__testUtils__/gatewayApiServer';
import { EntityTenantCard } from './EntityTenantCard';

const { answer, render } = gatewayApiServer();
const path = '/tenants/dev-cluster/team-b';

const show = () =>
  render(
    <EntityProvider entity={teamBTenantEntity}>
      <EntityTenantCard />
    </EntityProvider>,
  );

const ok = (summary: string) => ({ status: 'ok' as const, summary });

/** team-b on a cluster-shared Gateway: none of its own listeners, two ListenerSets. */
const withListenerSets: TenantDetail = {
  ...teamBTenant,
  layout: 'cluster-shared',
  gateways: [
    {
      namespace: 'gateway',
      name: 'shared',
      gatewayClassName: 'eg',
      addresses: ['203.0.113.30'],
      status: ok('Accepted, Programmed.'),
      ownedByTenant: false,
      listeners: [],
      listenerSets: [
        {
          namespace: 'tenant-team-b',
          name: 'pay.team-b.example.org',
          status: ok('Accepted, Programmed.'),
          conditions: [],
          listeners: [
            {
              name: 'https',
              protocol: 'HTTPS',
              port: 443,
              hostname: 'pay.team-b.example.org',
              tlsMode: 'Terminate',
              attachedRoutes: 1,
              status: ok('Listener "https": Accepted, Programmed.'),
            },
          ],
        },
        {
          namespace: 'tenant-team-b',
          name: 'new.team-b.example.org',
          status: { status: 'unknown', summary: 'No status reported yet.' },
          predicted: {
            status: 'error',
            summary:
              'ListenerSet "tenant-team-b/new.team-b.example.org": Accepted False (NotAllowed): Gateway "gateway/shared" admits no ListenerSets.',
            type: 'Accepted',
            reason: 'NotAllowed',
            hint: {
              meaning: 'The Gateway does not admit this ListenerSet.',
              fix: "Ask the platform team to admit the tenant's namespace in the Gateway's spec.allowedListeners.",
            },
          },
          conditions: [],
          listeners: [
            {
              name: 'https',
              protocol: 'HTTPS',
              port: 443,
              hostname: 'new.team-b.example.org',
              tlsMode: 'Terminate',
              status: { status: 'unknown', summary: 'No status reported yet.' },
            },
          ],
        },
      ],
    },
  ],
};

describe('EntityTenantCard with ListenerSets', () => {
  it("lists the tenant's ListenerSets on the shared Gateway, each with its listeners", async () => {
    answer(path, withListenerSets);
    await show();
    expect(
      await screen.findByText('Gateway gateway/shared'),
    ).toBeInTheDocument();
    // No listener of the Gateway's own admits the tenant: no empty table for it.
    expect(
      screen.queryByRole('table', { name: 'Listeners of gateway/shared' }),
    ).toBeNull();
    expect(
      screen.getByText('ListenerSet tenant-team-b/pay.team-b.example.org'),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', {
      name: 'Listeners of ListenerSet tenant-team-b/pay.team-b.example.org',
    });
    const [, https] = within(table).getAllByRole('row');
    expect(
      within(https)
        .getAllByRole('cell')
        .map(cell => cell.textContent),
    ).toEqual([
      'https',
      'HTTPS/443',
      'pay.team-b.example.org',
      'Terminate',
      '1',
      'Programmed',
    ]);
  });

  it('labels each ListenerSet by its status, and explains one the Gateway does not admit', async () => {
    answer(path, withListenerSets);
    await show();
    const heading = await screen.findByText(
      'ListenerSet tenant-team-b/new.team-b.example.org',
    );
    // Nothing reported yet: the analysis says why it will not be accepted.
    expect(
      within(heading.parentElement!).getByText('NotAllowed'),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByText('ListenerSet tenant-team-b/pay.team-b.example.org')
          .parentElement!,
      ).getByText('Accepted'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        withListenerSets.gateways[0].listenerSets![1].predicted!.summary,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        withListenerSets.gateways[0].listenerSets![1].predicted!.hint!.fix,
      ),
    ).toBeInTheDocument();
  });

  it("keeps a Gateway's own listener table when it has no ListenerSets", async () => {
    answer(path, teamBTenant);
    await show();
    expect(
      await screen.findByRole('table', {
        name: 'Listeners of tenant-team-b/gateway',
      }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/^ListenerSet /)).toBeNull();
  });

  it('shows a ListenerSet whose Gateway does not exist under that Gateway, with the fix', async () => {
    const hint = {
      meaning:
        "The ListenerSet's parentRef names a Gateway that does not exist.",
      fix: "Set spec.parentRef.name and spec.parentRef.namespace to the shared Gateway's name and namespace.",
    };
    answer(path, {
      ...withListenerSets,
      gateways: [
        {
          ...withListenerSets.gateways[0],
          name: 'gone',
          addresses: [],
          gatewayClassName: undefined,
          status: {
            status: 'error',
            summary: 'Gateway "gateway/gone" does not exist.',
            hint,
          },
          listenerSets: [withListenerSets.gateways[0].listenerSets![0]],
        },
      ],
    });
    await show();
    expect(
      await screen.findByText('Gateway "gateway/gone" does not exist.'),
    ).toBeInTheDocument();
    expect(screen.getByText(hint.fix)).toBeInTheDocument();
    expect(
      screen.getByText('ListenerSet tenant-team-b/pay.team-b.example.org'),
    ).toBeInTheDocument();
  });
});
