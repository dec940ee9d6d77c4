import { exposureProblems } from './problems';
import {
  billingExposure,
  catalogApiExposure,
  checkoutExposure,
  paymentsExposure,
  shopListenerSetExposure,
  shopNotAllowedExposure,
} from '../__fixtures__/exposures';

describe('exposureProblems', () => {
  it('finds nothing wrong with an Accepted, Programmed, Ready exposure', () => {
    expect(exposureProblems(checkoutExposure)).toEqual([]);
  });

  it("explains NotAllowedByListeners with the analysis's allowedRoutes hint", () => {
    const [parent, certificate] = exposureProblems(billingExposure);
    expect(parent).toMatchObject({
      subject: 'parentRef tenant-team-b/gateway/https',
      status: 'error',
      hints: [
        {
          meaning: expect.stringContaining(
            "namespace is not allowed by the listener's allowedRoutes",
          ),
        },
      ],
    });
    expect(certificate).toMatchObject({
      subject: 'Certificate for billing.team-b.example.org',
      status: 'error',
      orderState: 'invalid',
      challenges: [
        {
          type: 'HTTP-01',
          state: 'invalid',
          reason: 'Connection refused on port 80',
        },
      ],
    });
  });

  it('explains NoMatchingParent as a parentRef without namespace, and an expiring certificate', () => {
    const problems = exposureProblems(catalogApiExposure);
    expect(problems.map(p => [p.subject, p.status])).toEqual([
      ['parentRef catalog/gateway', 'error'],
      ['Certificate for catalog.team-c.example.org', 'warning'],
    ]);
    expect(problems[0].hints[0].fix).toContain('namespace');
  });

  it('reports a route no controller has reported on and a Gateway still Pending', () => {
    expect(
      exposureProblems(paymentsExposure).map(p => [p.subject, p.status]),
    ).toEqual([
      ['parentRef tenant-team-b/gateway/tls', 'unknown'],
      ['Gateway tenant-team-b/gateway', 'pending'],
      ['Gateway tenant-team-b/gateway listener tls', 'unknown'],
    ]);
  });

  it('reports a predicted problem the controller does not see', () => {
    const predicted = {
      status: 'warning' as const,
      summary: 'Accepted, but the HTTPS listener has no certificate.',
      hint: { meaning: 'No certificate', fix: 'Issue one' },
    };
    const exposure = {
      ...checkoutExposure,
      route: {
        ...checkoutExposure.route,
        parents: [{ ...checkoutExposure.route.parents[0], predicted }],
      },
    };
    expect(exposureProblems(exposure)).toEqual([
      {
        subject: 'parentRef tenant-team-a/checkout/https',
        status: 'warning',
        summary: predicted.summary,
        hints: [predicted.hint],
      },
    ]);
  });

  it('keeps hints of a Ready certificate whose renewal fails', () => {
    const hint = { meaning: 'Renewal fails', fix: 'Look at the Order' };
    const exposure = {
      ...checkoutExposure,
      tls: { ...checkoutExposure.tls!, hints: [hint] },
    };
    expect(exposureProblems(exposure)).toMatchObject([
      { status: 'warning', hints: [hint] },
    ]);
  });

  it('puts a hostname taken from another tenant first, then a policy its Gateway ignores', () => {
    const tenancy = {
      status: 'error' as const,
      summary: 'lies in domain team-b.example.org of tenant "team-b"',
      hint: { meaning: 'Taken', fix: 'Move it' },
    };
    const ignored = {
      status: 'error' as const,
      summary: 'ClientTrafficPolicy "checkout/x" targets Gateway "checkout"',
      hint: { meaning: 'Ignored', fix: 'Move the policy' },
    };
    const [gateway] = checkoutExposure.gateways;
    const exposure = {
      ...checkoutExposure,
      tenancy,
      gateways: [{ ...gateway, ignoredPolicies: [ignored] }],
    };
    expect(exposureProblems(exposure).map(p => [p.subject, p.summary])).toEqual(
      [
        [`Tenancy of ${checkoutExposure.hostname}`, tenancy.summary],
        ['Gateway tenant-team-a/checkout policies', ignored.summary],
      ],
    );
  });

  it('names the ListenerSet of a parentRef and a ListenerSet its Gateway does not admit', () => {
    expect(exposureProblems(shopListenerSetExposure)).toEqual([]);
    expect(
      exposureProblems(shopNotAllowedExposure).map(p => [p.subject, p.status]),
    ).toEqual([
      [
        'parentRef ListenerSet tenant-team-c/shop.team-c.example.org/https',
        'unknown',
      ],
      ['ListenerSet tenant-team-c/shop.team-c.example.org', 'error'],
      [
        'ListenerSet tenant-team-c/shop.team-c.example.org listener https',
        'unknown',
      ],
    ]);
  });
});
