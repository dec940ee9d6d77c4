import { mockServices } from '@backstage/backend-test-utils';
import { Exposure } from '@gatehouse/backstage-plugin-gateway-api-common';
import { exposure } from '../__testUtils__/exposure';
import { ExposureNotifier } from './ExposureNotifier';

const notAccepted: Partial<Exposure> = {
  route: {
    kind: 'HTTPRoute',
    namespace: 'checkout',
    name: 'checkout',
    status: {
      status: 'error',
      summary: 'Not allowed by the listeners.',
      reason: 'NotAllowedByListeners',
      hint: { meaning: 'm', fix: 'Add the namespace to allowedRoutes.' },
    },
    parents: [],
    backends: [],
  },
};
const expiring = (notAfter: string): Partial<Exposure> => ({
  tls: {
    state: 'expiring',
    summary: 'Expires soon.',
    dnsNames: [],
    notAfter,
    hints: [],
  },
});

describe('ExposureNotifier', () => {
  let now = new Date('2026-11-22T10:00:00Z');
  let items: Exposure[] = [];
  const notifications = { send: jest.fn(async () => {}) };
  const notifier = new ExposureNotifier({
    exposures: { list: () => ({ items, pendingClusters: [] }) },
    notifications,
    settings: { certificateExpiryDays: 14, routeNotAcceptedMinutes: 10 },
    logger: mockServices.logger.mock(),
    clock: () => now,
  });
  const sent = () =>
    notifications.send.mock.calls.map(([o]: any[]) => [
      o.recipients.entityRef,
      o.payload.scope,
      o.payload.title,
      o.payload.severity,
    ]);
  beforeEach(() => notifications.send.mockClear());

  it('tells the owner group once about a certificate near expiry, and when it is renewed', async () => {
    items = [
      exposure('shop.team-a.example.org', expiring('2026-11-25T00:00:00Z')),
    ];
    await notifier.run();
    await notifier.run();
    expect(sent()).toEqual([
      [
        'group:default/team-a',
        'gateway-api:dev:shop.team-a.example.org:certificate-expiring',
        'Certificate of shop.team-a.example.org expires 2026-11-25',
        'normal',
      ],
    ]);
    expect(notifications.send.mock.calls[0]).toMatchObject([
      {
        payload: {
          link: '/catalog/default/component/checkout/exposure',
          topic: 'gateway-api',
        },
      },
    ]);

    notifications.send.mockClear();
    items = [
      exposure('shop.team-a.example.org', expiring('2027-02-20T00:00:00Z')),
    ];
    await notifier.run();
    expect(sent()).toEqual([
      [
        'group:default/team-a',
        'gateway-api:dev:shop.team-a.example.org:certificate-expiring',
        'Resolved: Certificate of shop.team-a.example.org expires 2026-11-25',
        'low',
      ],
    ]);
  });

  it('waits before telling about a route that is not Accepted', async () => {
    items = [exposure('new.team-a.example.org', notAccepted)];
    await notifier.run();
    now = new Date(now.getTime() + 5 * 60_000);
    await notifier.run();
    expect(sent()).toEqual([]);

    now = new Date(now.getTime() + 6 * 60_000);
    await notifier.run();
    expect(sent()).toEqual([
      [
        'group:default/team-a',
        'gateway-api:dev:new.team-a.example.org:route-not-accepted',
        'HTTPRoute checkout/checkout is not serving new.team-a.example.org',
        'high',
      ],
    ]);
    expect(notifications.send.mock.calls[0]).toMatchObject([
      {
        payload: {
          description:
            'Not allowed by the listeners. Add the namespace to allowedRoutes.',
        },
      },
    ]);
  });

  it('tells at once about a failing certificate, and never about objects without an owner', async () => {
    items = [
      exposure('broken.team-a.example.org', {
        tls: {
          state: 'failed',
          summary: 'The HTTP-01 challenge failed.',
          dnsNames: [],
          hints: [{ meaning: 'm', fix: 'Point the DNS name at the Gateway.' }],
        },
      }),
      exposure('orphan.example.org', {
        owner: undefined,
        ...expiring('2026-11-23T00:00:00Z'),
      }),
    ];
    await notifier.run();
    expect(sent()).toEqual([
      expect.arrayContaining([
        'gateway-api:dev:broken.team-a.example.org:certificate-failing',
        'high',
      ]),
      // The route of the previous test has left the list: its notification is resolved.
      expect.arrayContaining([
        'gateway-api:dev:new.team-a.example.org:route-not-accepted',
      ]),
    ]);
  });
});
