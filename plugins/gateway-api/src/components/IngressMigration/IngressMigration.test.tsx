import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  Exposure,
  IngressMigrationOverview,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { screen, within } from '@testing-library/react';
import { exposureList } from '../../__fixtures__/exposures';
import { checkoutEntity } from '../../__testUtils__/entities';
import { gatewayApiServer } from '../../__testUtils__/gatewayApiServer';
import { EntityExposureContent } from '../EntityExposureContent';
import { exposurePath } from '../ExposurePicture/exposurePath';
import { HostnamesPage } from '../HostnamesPage';

const { answer, render } = gatewayApiServer();

/** checkout served by ingress-nginx, as the backend answers it. */
const onIngress: Exposure = {
  cluster: 'dev-cluster',
  hostname: 'shop.team-a.example.org',
  url: 'https://shop.team-a.example.org/',
  tenant: 'team-a',
  owner: 'group:default/team-a',
  entityRef: 'component:default/checkout',
  route: {
    kind: 'Ingress',
    namespace: 'checkout',
    name: 'shop',
    status: {
      status: 'ok',
      summary:
        'Served by Ingress checkout/shop (class nginx) at 198.51.100.20.',
    },
    parents: [],
    backends: [{ namespace: 'checkout', name: 'checkout', port: 8080 }],
  },
  gateways: [],
  status: {
    status: 'ok',
    summary: 'Served by Ingress checkout/shop (class nginx) at 198.51.100.20.',
  },
  source: 'Ingress',
  migration: 'ingress-only',
  ingress: {
    namespace: 'checkout',
    name: 'shop',
    ingressClassName: 'nginx',
    controller: 'k8s.io/ingress-nginx',
    tlsSecretName: 'shop-tls',
    addresses: ['198.51.100.20'],
  },
};

const overview: IngressMigrationOverview = {
  items: [
    {
      cluster: 'dev-cluster',
      hostname: 'shop.team-a.example.org',
      tenant: 'team-a',
      owner: 'group:default/team-a',
      state: 'ingress-only',
      ingress: onIngress.ingress,
      routes: [],
      blockers: [
        {
          id: 'configuration-injection:nginx.ingress.kubernetes.io/configuration-snippet',
          summary:
            'configuration-snippet injects raw nginx configuration; it cannot be migrated.',
        },
        {
          id: 'redirect-unsupported:permanent-redirect',
          summary:
            'nginx.ingress.kubernetes.io/permanent-redirect makes shop.team-a.example.org answer with a redirect; GatewayClass tenant-team-a does not list HTTPRouteSchemeRedirect among its supportedFeatures, so its controller would refuse the route.',
        },
      ],
    },
    {
      cluster: 'dev-cluster',
      hostname: 'old.team-b.example.org',
      tenant: 'team-b',
      state: 'moved',
      routes: ['HTTPRoute/payments/old'],
      blockers: [],
    },
  ],
  tenants: [
    {
      cluster: 'dev-cluster',
      tenant: 'team-a',
      owner: 'group:default/team-a',
      counts: { 'ingress-only': 1, both: 0, moved: 0 },
      blocked: 1,
    },
    {
      cluster: 'dev-cluster',
      tenant: 'team-b',
      counts: { 'ingress-only': 0, both: 0, moved: 1 },
      blocked: 0,
    },
  ],
  totals: { 'ingress-only': 1, both: 0, moved: 1 },
  pendingClusters: [],
};

describe('Ingress hostnames in the frontend', () => {
  it('shows a service on Ingress as served by Ingress, with class, address and TLS Secret', async () => {
    answer('/exposure', { items: [onIngress], pendingClusters: [] });
    await render(
      <EntityProvider entity={checkoutEntity}>
        <EntityExposureContent />
      </EntityProvider>,
    );
    const row = (
      await screen.findByText('Served by Ingress checkout/shop')
    ).closest('tr')!;
    expect(within(row).getByText('Ingress')).toBeInTheDocument();
    expect(within(row).getByText('Not migrated yet')).toBeInTheDocument();
    expect(
      within(row).getByText('IngressClass nginx · 198.51.100.20'),
    ).toBeInTheDocument();
    expect(within(row).getByText('TLS Secret shop-tls')).toBeInTheDocument();
    expect(within(row).getByText('Ingress Secret')).toBeInTheDocument();
    expect(within(row).getByText('Served')).toBeInTheDocument();
    expect(within(row).getByText('Working')).toBeInTheDocument();
  });

  it('draws the path of a hostname on Ingress through its IngressClass, not a Gateway', () => {
    const { nodes } = exposurePath(onIngress);
    expect(nodes.map(n => [n.kind, n.name, n.detail, n.statusText])).toEqual([
      ['Client', 'shop.team-a.example.org', undefined, undefined],
      ['IngressClass', 'nginx', '198.51.100.20', 'Serving'],
      ['Ingress', 'checkout/shop', undefined, 'Served'],
      expect.arrayContaining(['Service']),
    ]);
    expect(nodes.some(n => n.kind === 'Gateway')).toBe(false);
  });

  it('counts on the Hostnames page what is left on Ingress per tenant, and what blocks it', async () => {
    answer('/hostnames', {
      ...exposureList,
      items: [...exposureList.items, onIngress],
    });
    answer('/ingress-migration', overview);
    await render(<HostnamesPage />, ['/gateway-api/hostnames']);
    expect(
      await screen.findByText(
        '1 hostname of 1 tenant still on Ingress (0 served side by side by a route), 1 moved',
      ),
    ).toBeInTheDocument();
    const blocker = screen.getByText(
      'configuration-snippet injects raw nginx configuration; it cannot be migrated.',
    );
    expect(blocker.closest('tr')).toHaveTextContent('shop.team-a.example.org');
    // A redirect the tenant's GatewayClass cannot serve, with its id to read in the report.
    const redirect = screen.getByText(
      /^nginx\.ingress\.kubernetes\.io\/permanent-redirect makes/,
    );
    expect(redirect.closest('tr')).toBe(blocker.closest('tr'));
    expect(blocker.closest('tr')).toHaveTextContent(
      'redirect-unsupported:permanent-redirect',
    );
    expect(
      screen.getByRole('link', { name: 'Migrate an Ingress' }),
    ).toHaveAttribute(
      'href',
      '/create/ingress-templates/default/migrate-ingress',
    );
  });

  it('asks nothing about Ingresses where no hostname was ever on one', async () => {
    // An unhandled /ingress-migration request would fail the test.
    answer('/hostnames', exposureList);
    await render(<HostnamesPage />, ['/gateway-api/hostnames']);
    await screen.findByText(/All hostnames/);
    expect(screen.queryByText('Ingress migration')).not.toBeInTheDocument();
  });
});
