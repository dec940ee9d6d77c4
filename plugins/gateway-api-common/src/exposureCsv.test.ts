import { Exposure } from './exposure';
import { EXPOSURE_CSV_HEADER, exposureCsvRow } from './exposureCsv';

const exposure = (extra: Partial<Exposure> = {}): Exposure => ({
  cluster: 'dev',
  hostname: 'shop.team-a.example.org',
  url: 'https://shop.team-a.example.org/',
  tenant: 'team-a',
  owner: 'group:default/team-a',
  route: {
    kind: 'HTTPRoute',
    namespace: 'shop',
    name: 'shop',
    status: { status: 'ok', summary: 'Accepted' },
    parents: [],
    backends: [],
  },
  gateways: [
    {
      name: 'shared',
      namespace: 'gateway',
      status: { status: 'ok', summary: 'Programmed' },
      listener: {
        name: 'https',
        port: 443,
        protocol: 'HTTPS',
        status: { status: 'error', summary: 'Not programmed' },
      },
    } as Exposure['gateways'][number],
  ],
  status: { status: 'ok', summary: 'Accepted' },
  tls: {
    state: 'expiring',
    summary: '',
    dnsNames: [],
    hints: [],
    notAfter: '2027-01-01T00:00:00Z',
  },
  ...extra,
});

describe('exposure CSV', () => {
  it('has a header line and one CRLF line per hostname, the worst of Gateway and listener', () => {
    expect(EXPOSURE_CSV_HEADER).toBe(
      'hostname,tenant,owner,cluster,gateway,route,status,tls,expires\r\n',
    );
    expect(exposureCsvRow(exposure())).toBe(
      'shop.team-a.example.org,team-a,group:default/team-a,dev,gateway/shared (error),HTTPRoute shop/shop,Working,Expiring,2027-01-01T00:00:00Z\r\n',
    );
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    const row = exposureCsvRow(
      exposure({ tenant: 'a,"b"\nc', tls: undefined, owner: undefined }),
    );
    expect(row).toBe(
      'shop.team-a.example.org,"a,""b""\nc",,dev,gateway/shared (error),HTTPRoute shop/shop,Working,None,\r\n',
    );
  });

  it.each(['=HYPERLINK("http://x")', '+1', '-1+2', '@SUM(A1)', '\tx'])(
    'keeps a spreadsheet from running %j as a formula',
    owner => {
      const field = exposureCsvRow(exposure({ owner })).split(',')[2];
      expect(field.replace(/^"/, '').startsWith("'")).toBe(true);
    },
  );
});
