import { Entity } from '@backstage/catalog-model';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { screen } from '@testing-library/react';
import { gatewayApiApiRef } from '../api';
import { fakeGatewayApi } from '../__testUtils__/fakeGatewayApi';
import { teamBTenantEntity } from '../__testUtils__/entities';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import {
  HostnamePicker,
  hostnamePickerValidation,
} from '../fields/HostnamePicker';
import { TenantPicker } from '../fields/TenantPicker';
import plugin, {
  entityGatewayExposureCard,
  entityGatewayExposureContent,
  entityGatewayTenantCard,
  gatewayApiHostnamePickerFormField,
  gatewayHostnamesPage,
  gatewayApiTenantPickerFormField,
} from './index';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', title: 'Checkout' },
};

describe('gateway-api alpha plugin', () => {
  it('is the gateway-api plugin', () => {
    expect(plugin.id).toBe('gateway-api');
  });

  it('renders the Exposure tab at path exposure for components', async () => {
    const tester = createExtensionTester(entityGatewayExposureContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('exposure');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Exposure');
    renderInTestApp(
      <EntityProvider entity={entity}>{tester.reactElement()}</EntityProvider>,
      { apis: [[gatewayApiApiRef, fakeGatewayApi()]] },
    );
    expect(
      await screen.findByText('Hostnames of Checkout'),
    ).toBeInTheDocument();
  });

  it('shows the card only for components with the kubernetes-id annotation', () => {
    const tester = createExtensionTester(entityGatewayExposureCard);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(filter(entity)).toBe(false);
    expect(
      filter({
        ...entity,
        metadata: {
          ...entity.metadata,
          annotations: { 'backstage.io/kubernetes-id': 'checkout' },
        },
      }),
    ).toBe(true);
    expect(filter({ ...entity, kind: 'API' })).toBe(false);
  });

  it('shows the tenant card only for gateway-tenant resources, and renders it', async () => {
    const tester = createExtensionTester(entityGatewayTenantCard);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(filter(teamBTenantEntity)).toBe(true);
    expect(filter({ ...teamBTenantEntity, spec: { type: 'gateway' } })).toBe(
      false,
    );
    expect(filter(entity)).toBe(false);
    renderInTestApp(
      <EntityProvider entity={teamBTenantEntity}>
        {tester.reactElement()}
      </EntityProvider>,
      {
        apis: [[gatewayApiApiRef, fakeGatewayApi()]],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      await screen.findByText('Gateway tenant-team-b/gateway'),
    ).toBeInTheDocument();
  });

  it('renders the Hostnames page', async () => {
    renderInTestApp(
      createExtensionTester(gatewayHostnamesPage).reactElement(),
      {
        apis: [[gatewayApiApiRef, fakeGatewayApi()]],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(await screen.findByText('All hostnames (4)')).toBeInTheDocument();
  });

  it('provides both scaffolder form fields', async () => {
    const tenantPicker = createExtensionTester(
      gatewayApiTenantPickerFormField,
    ).get(FormFieldBlueprint.dataRefs.formFieldLoader);
    const hostnamePicker = createExtensionTester(
      gatewayApiHostnamePickerFormField,
    ).get(FormFieldBlueprint.dataRefs.formFieldLoader);
    await expect(tenantPicker()).resolves.toMatchObject({
      name: 'GatewayTenantPicker',
      component: TenantPicker,
    });
    await expect(hostnamePicker()).resolves.toMatchObject({
      name: 'GatewayHostnamePicker',
      component: HostnamePicker,
      validation: hostnamePickerValidation,
    });
  });
});
