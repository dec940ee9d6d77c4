import { EntityProvider } from '@backstage/plugin-catalog-react';
import { hintForMistake } from '@gatehouse/backstage-plugin-gateway-api-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { teamBTenant } from '../../__fixtures__/tenantDetail';
import { teamBTenantEntity } from '../../__testUtils__/entities';
import { gatewayApiServer } from '../../__testUtils__/gatewayApiServer';
import { EntityTenantCard } from './EntityTenantCard';

const { answer, fail, hang, render } = gatewayApiServer();
const path = '/tenants/dev-cluster/team-b';

const show = (entity = teamBTenantEntity) =>
  render(
    <EntityProvider entity={entity}>
      <EntityTenantCard />
    </EntityProvider>,
  );

describe('EntityTenantCard', () => {
  it("reads the tenant named by the entity's annotation and label, and shows its facts", async () => {
    answer(path, teamBTenant);
    await show();
    expect(
      await screen.findByText('team-b on dev-cluster'),
    ).toBeInTheDocument();
    expect(screen.getByText('team-b.example.org')).toBeInTheDocument();
    // A domain, and the hostname of the TLS listener.
    expect(screen.getAllByText('pay.example.com')).toHaveLength(2);
    expect(screen.getByText('tenant-shared')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'team-b' })).toHaveAttribute(
      'href',
      '/catalog/default/group/team-b',
    );
    expect(screen.getByText('billing')).toBeInTheDocument();
  });

  it("warns when the tenant's cluster refuses the backend's credential, and not of other clusters", async () => {
    answer(path, teamBTenant);
    answer('/clusters', {
      items: [],
      problems: [
        {
          cluster: 'dev-cluster',
          locator: 'catalog',
          kind: 'unauthenticated',
          reason: 'the API server answers 401',
          since: '2026-12-04T20:00:00.000Z',
          entityRef: 'resource:default/dev-cluster',
        },
        {
          cluster: 'other',
          locator: 'config',
          kind: 'unreachable',
          reason: 'timeout',
          since: '2026-12-04T20:00:00.000Z',
        },
      ],
    });
    await show();
    expect(
      await screen.findByText(
        /Hostnames from cluster dev-cluster may be missing or out of date/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Cluster dev-cluster refuses the Gateway API plugin’s credentials \(since 2026-12-04T20:00:00.000Z\): the API server answers 401/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/cluster other/)).toBeNull();
    // The tenant is still shown, from what was last read.
    expect(screen.getByText('team-b.example.org')).toBeInTheDocument();
  });

  it('warns even when the tenant cannot be read, its cluster being left out', async () => {
    fail(path, 404, 'NotFoundError', 'No tenant team-b in cluster dev-cluster');
    answer('/clusters', {
      items: [],
      problems: [
        {
          cluster: 'dev-cluster',
          locator: 'config',
          kind: 'userOnlyAuth',
          reason: 'its authProvider "oidc" acts as the signed-in user',
          since: '2026-12-04T20:00:00.000Z',
        },
      ],
    });
    await show();
    expect(
      await screen.findByText(/Hostnames from cluster dev-cluster are missing/),
    ).toBeInTheDocument();
  });

  it('notes that its cluster does not serve TLSRoute, and nothing of kinds that hide no hostname', async () => {
    answer(path, {
      ...teamBTenant,
      unservedKinds: ['TLSRoute', 'ListenerSet'],
    });
    await show();
    expect(
      await screen.findByText(
        'Info: Cluster dev-cluster does not serve TLSRoute: passthrough routes are not shown.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/does not serve ListenerSet/)).toBeNull();
  });

  it('counts hostnames by status, worst first, in words', async () => {
    answer(path, teamBTenant);
    await show();
    await screen.findByText('1 Failing');
    expect(
      screen
        .getAllByText(/^\d+ (Working|Pending|Warning|Failing|Not reported)$/)
        .map(count => count.textContent),
    ).toEqual(['1 Failing', '1 Pending', '3 Working']);
  });

  it('shows each Gateway and each listener with its status in words', async () => {
    answer(path, teamBTenant);
    await show();
    expect(
      await screen.findByText('Gateway tenant-team-b/gateway'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /GatewayClass cilium · 203\.0\.113\.20 · in the tenant's namespace/,
      ),
    ).toBeInTheDocument();
    const listeners = screen.getByRole('table', {
      name: 'Listeners of tenant-team-b/gateway',
    });
    const [, https, tls] = within(listeners).getAllByRole('row');
    expect(
      within(https)
        .getAllByRole('cell')
        .map(cell => cell.textContent),
    ).toEqual([
      'https',
      'HTTPS/443',
      '*.team-b.example.org',
      'Terminate',
      '2',
      'Programmed',
    ]);
    expect(
      within(tls)
        .getAllByRole('cell')
        .map(cell => cell.textContent),
    ).toEqual([
      'tls',
      'TLS/443',
      'pay.example.com',
      'Passthrough',
      '—',
      'Not reported',
    ]);
  });

  it('explains a policy its Gateway ignores', async () => {
    const [gateway] = teamBTenant.gateways;
    const ignored = {
      status: 'error' as const,
      summary:
        'ClientTrafficPolicy "payments/xff" targets Gateway "gateway", which is in namespace "tenant-team-b", so the policy is ignored.',
      hint: {
        meaning: 'A policy in another namespace is silently ignored.',
        fix: 'Create the policy in the namespace of the Gateway it targets.',
      },
    };
    answer(path, {
      ...teamBTenant,
      gateways: [{ ...gateway, ignoredPolicies: [ignored] }],
    });
    await show();
    expect(await screen.findByText(ignored.summary)).toBeInTheDocument();
    expect(screen.getByText(ignored.hint.fix)).toBeInTheDocument();
  });

  it("explains the mistakes of a Gateway's configuration and policies that apply to nothing", async () => {
    const [gateway] = teamBTenant.gateways;
    const proxy = {
      status: 'error' as const,
      mistake: 'proxyProtocolWithoutClientTrafficPolicy' as const,
      summary:
        'The load balancer of Gateway "tenant-team-b/gateway" sends PROXY protocol, but no ClientTrafficPolicy reads it on any listener: every request there is answered 400.',
      hint: hintForMistake('proxyProtocolWithoutClientTrafficPolicy'),
    };
    const dangling = {
      status: 'warning' as const,
      mistake: 'policyTargetNotFound' as const,
      summary:
        'BackendTrafficPolicy "payments/timeouts": HTTPRoute "payments-v1" matches nothing in namespace "payments", so the policy applies to nothing.',
      hint: hintForMistake('policyTargetNotFound'),
    };
    answer(path, {
      ...teamBTenant,
      gateways: [{ ...gateway, mistakes: [proxy] }],
      unattachedPolicies: [dangling],
    });
    await show();
    expect(await screen.findByText(proxy.summary)).toBeInTheDocument();
    expect(screen.getByText(proxy.hint.fix)).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Policies that apply to nothing' }),
    ).toBeInTheDocument();
    expect(screen.getByText(dangling.summary)).toBeInTheDocument();
    expect(screen.getByText(dangling.hint.meaning)).toBeInTheDocument();
  });

  it('says a tenant provisioned by an older Gatehouse is behind, what differs, and to refresh it', async () => {
    const behind = {
      status: 'warning' as const,
      mistake: 'tenantMetadataOutOfDate' as const,
      summary:
        'Provisioned by an older Gatehouse: refresh it. Namespace billing lacks the label gateway-api.gatehouse.dev/attached-to="team-b".',
      hint: hintForMistake('tenantMetadataOutOfDate'),
    };
    answer(path, { ...teamBTenant, metadataOutOfDate: behind });
    await show();
    expect(
      await screen.findByRole('heading', { name: 'Tenant metadata' }),
    ).toBeInTheDocument();
    expect(screen.getByText(behind.summary)).toBeInTheDocument();
    expect(screen.getByText(behind.hint.meaning)).toBeInTheDocument();
    expect(screen.getByText(behind.hint.fix)).toBeInTheDocument();
  });

  it('shows no tenant metadata section for a tenant up to date', async () => {
    answer(path, teamBTenant);
    await show();
    expect(
      await screen.findByText('team-b on dev-cluster'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('heading', { name: 'Tenant metadata' }),
    ).not.toBeInTheDocument();
  });

  it('marks a listener status the analysis predicts before the controller reports', async () => {
    const [gateway] = teamBTenant.gateways;
    const [https, tls] = gateway.listeners;
    answer(path, {
      ...teamBTenant,
      gateways: [
        {
          ...gateway,
          listeners: [
            https,
            {
              ...tls,
              predicted: {
                status: 'error',
                summary: 'Listener "tls": ResolvedRefs False',
                type: 'ResolvedRefs',
                reason: 'InvalidCertificateRef',
              },
            },
          ],
        },
      ],
    });
    await show();
    const listeners = await screen.findByRole('table', {
      name: 'Listeners of tenant-team-b/gateway',
    });
    expect(
      within(listeners).getByText('InvalidCertificateRef (predicted)'),
    ).toBeInTheDocument();
  });

  it('says when no Gateway serves the tenant and nothing is exposed', async () => {
    answer(path, {
      ...teamBTenant,
      gateways: [],
      hostnames: { ok: 0, pending: 0, warning: 0, error: 0, unknown: 0 },
    });
    await show();
    expect(
      await screen.findByText("No Gateway admits this tenant's routes yet."),
    ).toBeInTheDocument();
    expect(screen.getByText('No hostname exposed yet.')).toBeInTheDocument();
  });

  it('shows a spinner while the first answer is on its way', async () => {
    hang(path);
    await show();
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('says the caller may not see the tenant when the backend answers 404', async () => {
    fail(
      path,
      404,
      'NotFoundError',
      'No tenant team-b in dev-cluster that you may read',
    );
    await show();
    expect(
      await screen.findByText(/You may not see tenant team-b/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('shows an error with a Retry button, and refreshes on demand', async () => {
    const calls = answer(path, teamBTenant);
    fail(path, 500, 'Error', 'cluster unreachable');
    await show();
    expect(await screen.findAllByText(/cluster unreachable/)).not.toHaveLength(
      0,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await screen.findByText('Gateway tenant-team-b/gateway');
    await userEvent.click(
      screen.getByRole('button', { name: 'Refresh tenant team-b' }),
    );
    await waitFor(() => expect(calls.count).toBe(2));
  });

  it('explains what is missing on an entity without the cluster annotation', async () => {
    await show({
      ...teamBTenantEntity,
      metadata: { ...teamBTenantEntity.metadata, annotations: {} },
    });
    expect(
      screen.getByText(
        /lacks the gateway-api\.gatehouse\.dev\/cluster annotation/,
      ),
    ).toBeInTheDocument();
  });
});
