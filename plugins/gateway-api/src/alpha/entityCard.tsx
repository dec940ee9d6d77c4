import { compatWrapper } from '@backstage/core-compat-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isGatewayApiExposureAvailable } from '../conditions';

/**
 * The Exposure card of components whose routes can be found.
 *
 * @alpha
 */
export const entityGatewayApiExposureCard = EntityCardBlueprint.make({
  name: 'exposure',
  params: {
    filter: entity =>
      entity.kind.toLocaleLowerCase('en-US') === 'component' &&
      isGatewayApiExposureAvailable(entity),
    loader: () =>
      import('../components/EntityExposureCard').then(m =>
        compatWrapper(<m.EntityExposureCard />),
      ),
  },
});
