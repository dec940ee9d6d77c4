import { Entity } from '@backstage/catalog-model';
import { compatWrapper } from '@backstage/core-compat-api';
import {
  createExtensionTester,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  coreExtensionData,
  createFrontendPlugin,
  createRouteRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
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
import { EntityExposureContent } from '../components/EntityExposureContent';
import plugin, {
  entityGatewayExposureCard,
  entityGatewayExposureContent,
  entityGatewayTenantCard,
  gatewayApiHostnamePickerFormField,
  gatewayHostnamesPage,
  gatewayApiTenantPickerFormField,
} from './index';

/** A stand-in for the scaffolder plugin: its template page, where the templates' links lead. */
const selectedTemplate = createRouteRef({
  params: ['namespace', 'templateName'],
});
const scaffolderStandIn = createFrontendPlugin({
  pluginId: 'scaffolder',
  routes: { selectedTemplate },
  extensions: [
    PageBlueprint.make({
      params: {
        path: '/create/templates/:namespace/:templateName',
        routeRef: selectedTemplate,
        loader: async () => <div>template page</div>,
      },
    }),
  ],
});

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

  it('leads Expose a service to the scaffolder template page without any binding in the app', async () => {
    const exposureTab = PageBlueprint.make({
      name: 'exposure-tab',
      params: {
        path: '/',
        loader: async () =>
          compatWrapper(
            <EntityProvider entity={entity}>
              <EntityExposureContent />
            </EntityProvider>,
          ),
      },
    });
    renderTestApp({
      features: [plugin, scaffolderStandIn],
      extensions: [exposureTab],
      apis: [
        [
          gatewayApiApiRef,
          fakeGatewayApi({
            listExposures: async () => ({ items: [], pendingClusters: [] }),
          }),
        ],
      ],
    });
    expect(
      (await screen.findByText('Expose a service')).closest('a'),
    ).toHaveAttribute('href', '/create/templates/default/expose-service');
  });

  it('gives the Hostnames page a title and an icon for the sidebar', () => {
    const tester = createExtensionTester(gatewayHostnamesPage);
    expect(tester.get(coreExtensionData.title)).toBe('Hostnames');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();
  });

  it('renders the Hostnames page', async () => {
    renderInTestApp(
      createExtensionTester(gatewayHostnamesPage).reactElement(),
      {
        apis: [[gatewayApiApiRef, fakeGatewayApi()]],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    // The page and its first answer load lazily; give a busy machine time.
    expect(
      await screen.findByText('All hostnames (4)', undefined, {
        timeout: 10_000,
      }),
    ).toBeInTheDocument();
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
