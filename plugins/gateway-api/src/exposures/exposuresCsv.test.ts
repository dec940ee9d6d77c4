import {
  billingExposure,
  checkoutExposure,
  paymentsExposure,
} from '../__fixtures__/exposures';
import { exposuresCsv } from './exposuresCsv';

describe('exposuresCsv', () => {
  it('writes a header and one row per hostname', () => {
    expect(exposuresCsv([checkoutExposure, paymentsExposure])).toBe(
      [
        'hostname,tenant,owner,cluster,gateway,route,status,tls,expires',
        'checkout.team-a.example.org,team-a,group:default/team-a,dev-cluster,tenant-team-a/checkout (ok),HTTPRoute tenant-team-a/checkout,Working,Ready,2027-02-18T10:00:00Z',
        'pay.team-b.example.org,team-b,group:default/team-b,dev-cluster,tenant-team-b/gateway (pending),TLSRoute tenant-team-b/payments,Pending,None,',
        '',
      ].join('\r\n'),
    );
  });

  it('quotes fields holding commas, quotes or line breaks', () => {
    const csv = exposuresCsv([
      {
        ...billingExposure,
        tenant: 'team "b", the\nsecond',
        gateways: [...billingExposure.gateways, ...checkoutExposure.gateways],
      },
    ]);
    expect(csv.split('\r\n')[1]).toBe(
      'billing.team-b.example.org,"team ""b"", the\nsecond",group:default/team-b,dev-cluster,tenant-team-b/gateway (ok); tenant-team-a/checkout (ok),HTTPRoute billing/legacy-billing,Failing,Failed,',
    );
  });

  it('writes only the header for no rows', () => {
    expect(exposuresCsv([])).toBe(
      'hostname,tenant,owner,cluster,gateway,route,status,tls,expires\r\n',
    );
  });
});
