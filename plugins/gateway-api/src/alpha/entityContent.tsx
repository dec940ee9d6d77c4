import { compatWrapper } from '@backstage/core-compat-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';

/**
 * The Exposure tab of components.
 *
 * @alpha
 */
export const entityGatewayExposureContent = EntityContentBlueprint.make({
  name: 'exposure',
  params: {
    path: 'exposure',
    title: 'Exposure',
    filter: 'kind:component',
    loader: () =>
      import('../components/EntityExposureContent').then(m =>
        compatWrapper(<m.EntityExposureContent />),
      ),
  },
});
