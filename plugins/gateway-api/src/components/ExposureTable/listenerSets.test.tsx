import { EntityProvider } from '@backstage/plugin-catalog-react';
import { ExposureList } from '@gatehouse/backstage-plugin-gateway-api-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  shopListenerSetExposure,
  shopNotAllowedExposure,
} from '../../__fixtures__/exposures';
import { checkoutEntity } from '../../__testUtils__/entities';
import { gatewayApiServer } from '../../__testUtils__/gatewayApiServer';
import { EntityExposureContent } from '../EntityExposureContent';

// The Exposure tab's table and row details for a hostname served through a ListenerSet.

const { answer, render } = gatewayApiServer();

const show = () =>
  render(
    <EntityProvider entity={checkoutEntity}>
      <EntityExposureContent />
    </EntityProvider>,
  );

const list = (...items: ExposureList['items']): ExposureList => ({
  items,
  pendingClusters: [],
});

describe('a hostname served through a ListenerSet', () => {
  it("names the ListenerSet in the Gateway cell, beside the Gateway's status", async () => {
    answer('/exposure', list(shopListenerSetExposure));
    await show();
    expect(await screen.findByText('gateway/shared')).toBeInTheDocument();
    expect(
      screen.getByText('via ListenerSet tenant-team-c/shop.team-c.example.org'),
    ).toBeInTheDocument();
    expect(screen.getByText('Programmed')).toBeInTheDocument();
    expect(screen.getByText('203.0.113.30 · HTTPS/443')).toBeInTheDocument();
  });

  it('fails the Gateway cell when the Gateway does not admit the ListenerSet', async () => {
    answer('/exposure', list(shopNotAllowedExposure));
    await show();
    expect(
      await screen.findByText(
        'via ListenerSet tenant-team-c/shop.team-c.example.org',
      ),
    ).toBeInTheDocument();
    // The Gateway is Programmed, but the ListenerSet it does not admit is what fails.
    expect(screen.getAllByText('NotAllowed').length).toBeGreaterThan(0);
  });

  it('draws a ListenerSet hop in the path picture, labelled with its status', async () => {
    answer('/exposure', list(shopNotAllowedExposure));
    await show();
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Detail panel visiblity toggle',
      }),
    );
    const path = await screen.findByRole(
      'group',
      {
        name: 'Path of shop.team-c.example.org: client, Gateway, ListenerSet, HTTPRoute, Service',
      },
      { timeout: 3000 },
    );
    for (const hop of [
      'ListenerSet · listener https HTTPS/443',
      'tenant-team-c/shop.team-c.example.org',
      '✕ NotAllowed',
      '✓ Programmed',
    ]) {
      expect(within(path).getByText(hop)).toBeInTheDocument();
    }
    // The row's details name the ListenerSet, and it is listed among the problems.
    const named = screen
      .getAllByText('ListenerSet tenant-team-c/shop.team-c.example.org')
      .map(el => el.tagName);
    expect(named).toContain('P');
    expect(named).toContain('H6');
    expect(screen.getAllByText('Accepted False (NotAllowed)')).not.toHaveLength(
      0,
    );
  }, 15_000);
});
