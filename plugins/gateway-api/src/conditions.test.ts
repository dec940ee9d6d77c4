import { isGatewayExposureAvailable } from './conditions';

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
