import { fakeGatewayApi } from '../__testUtils__/fakeGatewayApi';
import { checkTenantHostname } from './checkTenantHostname';

describe('checkTenantHostname', () => {
  it('refuses a malformed hostname without asking the backend', async () => {
    const checkHostname = jest.fn();
    const result = await checkTenantHostname(
      fakeGatewayApi({ checkHostname }),
      {
        hostname: '10.0.0.1',
        tenant: 'team-a',
      },
    );
    expect(result.ok).toBe(false);
    expect(checkHostname).not.toHaveBeenCalled();
  });

  it('asks for a tenant first', async () => {
    await expect(
      checkTenantHostname(fakeGatewayApi(), {
        hostname: 'shop.team-a.example.org',
      }),
    ).resolves.toEqual({
      ok: false,
      reason: expect.stringContaining('Choose a tenant first'),
    });
  });

  it('checks the normalised hostname for the tenant, on the chosen cluster if any', async () => {
    const reason =
      'billing.team-b.example.org lies in the domain of tenant team-b.';
    const checkHostname = jest.fn(async () => ({ ok: false as const, reason }));
    const api = fakeGatewayApi({ checkHostname });
    await expect(
      checkTenantHostname(api, {
        hostname: 'Billing.Team-B.example.org.',
        tenant: 'team-c',
      }),
    ).resolves.toEqual({ ok: false, reason });
    await checkTenantHostname(api, {
      hostname: 'shop.team-a.example.org',
      tenant: 'team-a',
      cluster: 'prod',
    });
    expect(checkHostname.mock.calls).toEqual([
      [
        {
          tenant: 'team-c',
          hostname: 'billing.team-b.example.org',
          cluster: undefined,
        },
      ],
      [
        {
          tenant: 'team-a',
          hostname: 'shop.team-a.example.org',
          cluster: 'prod',
        },
      ],
    ]);
  });
});
