import { renderTestApp } from '@backstage/frontend-test-utils';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import searchPlugin from '@backstage/plugin-search/alpha';
import gatewayApiPlugin from '@gatehouse/backstage-plugin-gateway-api/alpha';
import { render, screen, within } from '@testing-library/react';
import App from './App';
import { navModule } from './modules/nav';

describe('App', () => {
  it('offers the guest sign-in when no session can be restored', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test', baseUrl: 'http://localhost:3000' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    expect(
      await screen.findByRole('button', { name: 'Enter' }, { timeout: 10_000 }),
    ).toBeInTheDocument();
  });

  it('lists the Hostnames page of the Gatehouse plugin in the sidebar', async () => {
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
