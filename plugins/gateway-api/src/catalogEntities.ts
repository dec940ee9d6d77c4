/** The provider's tenant entity contract lives in common, beside the provider's other keys. */
export { GATEWAY_TENANT_ENTITY } from '@gatehouse/backstage-plugin-gateway-api-common';
