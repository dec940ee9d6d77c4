import {
  isGatewayExposureAvailable,
  isGatewayTenantAvailable,
} from './conditions';

const entity = (annotations?: Record<string, string>) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', annotations },
});

describe('isGatewayExposureAvailable', () => {
  it.each([
    [{ 'backstage.io/kubernetes-id': 'checkout' }, true],
    [{ 'backstage.io/kubernetes-id': '' }, false],
    [{ 'backstage.io/source-location': 'url:x' }, false],
    [undefined, false],
  ])('%j -> %s', (annotations, expected) => {
    expect(isGatewayExposureAvailable(entity(annotations))).toBe(expected);
  });
});

describe('isGatewayTenantAvailable', () => {
  it.each([
    ['Resource', 'gateway-tenant', true],
    ['resource', 'gateway-tenant', true],
    ['Resource', 'gateway', false],
    ['Resource', 'hostname', false],
    ['Component', 'gateway-tenant', false],
  ])('%s of type %s -> %s', (kind, type, expected) => {
    expect(
      isGatewayTenantAvailable({ ...entity(), kind, spec: { type } }),
    ).toBe(expected);
  });
});
