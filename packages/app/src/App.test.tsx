import { renderTestApp } from '@backstage/frontend-test-utils';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import searchPlugin from '@backstage/plugin-search/alpha';
import gatewayApiPlugin from '@gatehouse/backstage-plugin-gateway-api/alpha';
import { render, screen, within } from '@testing-library/react';
import App from './App';
import { navModule } from './modules/nav';

const appConfig = (app: object) => [
  {
    data: {
      app: { title: 'Test', baseUrl: 'http://localhost:3000', ...app },
      backend: { baseUrl: 'http://localhost:7007' },
    },
    context: 'test',
  },
];

/** The backend's answer to the guest provider's refresh, as for user:default/guest. */
const guestSession = {
  profile: { displayName: 'Guest' },
  backstageIdentity: {
    // Unsigned (the app only reads its expiry).
    token: [
      'e30',
      btoa(JSON.stringify({ sub: 'user:default/guest', exp: 4102444800 })),
      '',
    ].join('.'),
    identity: {
      type: 'user',
      userEntityRef: 'user:default/guest',
      ownershipEntityRefs: ['user:default/guest'],
    },
  },
};

// App.createRoot() keeps its app for the module's lifetime: one test renders it.
describe('App', () => {
  const realFetch = global.fetch;
  afterEach(() => {
    global.fetch = realFetch;
    delete (window as any)['__@backstage/discovered__'];
    localStorage.clear();
  });

  it('restores the guest session of an earlier visit and lists the discovered Hostnames page in the sidebar', async () => {
    // What the CLI writes for `app.packages: all` from this package's dependencies.
    (window as any)['__@backstage/discovered__'] = {
      modules: [gatewayApiPlugin, notificationsPlugin, searchPlugin].map(
        plugin => ({ name: plugin.id, default: plugin }),
      ),
    };
    const asked: string[] = [];
    global.fetch = jest.fn(async (input: RequestInfo | URL) => {
      const url = input instanceof Request ? input.url : String(input);
      asked.push(url);
      return url === 'http://localhost:7007/api/auth/guest/refresh'
        ? new Response(JSON.stringify(guestSession), {
            headers: { 'Content-Type': 'application/json' },
          })
        : new Response('{}', { status: 404 });
    }) as typeof fetch;
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: appConfig({ packages: 'all' }) as any,
    };
    // The guest entered before (the sign-in page remembers the provider it used).
    localStorage.setItem('@backstage/core:SignInPage:provider', 'guest');

    render(App.createRoot());

    const nav = await screen.findByRole(
      'navigation',
      { name: 'sidebar nav' },
      { timeout: 10_000 },
    );
    expect(
      within(nav).getByRole('link', { name: 'Hostnames' }),
    ).toHaveAttribute('href', '/gateway-api/hostnames');
    expect(screen.queryByRole('button', { name: 'Enter' })).toBeNull();
    expect(asked).toContain('http://localhost:7007/api/auth/guest/refresh');
  }, 20_000);

  it('shows the Hostnames page of the Gatehouse plugin in the app sidebar', async () => {
    renderTestApp({
      features: [
        gatewayApiPlugin,
        notificationsPlugin,
        searchPlugin,
        navModule,
      ],
      initialRouteEntries: ['/nowhere'],
    });

    const nav = await screen.findByRole('navigation', { name: 'sidebar nav' });
    expect(
      within(nav).getByRole('link', { name: 'Hostnames' }),
    ).toHaveAttribute('href', '/gateway-api/hostnames');
  });
});
