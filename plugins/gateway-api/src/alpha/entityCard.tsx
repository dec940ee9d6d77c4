import { compatWrapper } from '@backstage/core-compat-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  isGatewayExposureAvailable,
  isGatewayTenantAvailable,
} from '../conditions';

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

/**
 * The Gateway tenant card of `gateway-tenant` Resource entities.
 *
 * @alpha
 */
export const entityGatewayTenantCard = EntityCardBlueprint.make({
  name: 'tenant',
  params: {
    filter: isGatewayTenantAvailable,
    loader: () =>
      import('../components/EntityTenantCard').then(m =>
        compatWrapper(<m.EntityTenantCard />),
      ),
  },
});
