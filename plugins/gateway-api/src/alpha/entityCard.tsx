import { compatWrapper } from '@backstage/core-compat-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isGatewayExposureAvailable } from '../conditions';

/**
 * The Exposure card of components whose routes can be found.
 *
 * @alpha
 */
export const entityGatewayExposureCard = EntityCardBlueprint.make({
  name: 'exposure',
  params: {
    filter: entity =>
      entity.kind.toLocaleLowerCase('en-US') === 'component' &&
      isGatewayExposureAvailable(entity),
    loader: () =>
      import('../components/EntityExposureCard').then(m =>
        compatWrapper(<m.EntityExposureCard />),
      ),
  },
});
