import { KubeObject } from '../kube/types';
import {
  DEFAULT_CLASS_ANNOTATION,
  IngressNginxSnapshot,
  isValidAddress,
  reconcileIngressNginx,
} from './reconcile';

const settings = {
  controllerName: 'k8s.io/ingress-nginx',
  address: '192.0.2.80',
};

function ingressClass(
  name: string,
  controller = 'k8s.io/ingress-nginx',
  isDefault = false,
): KubeObject {
  return {
    metadata: {
      name,
      annotations: isDefault ? { [DEFAULT_CLASS_ANNOTATION]: 'true' } : {},
    },
    spec: { controller },
  };
}

function ingress(
  name: string,
  className?: string,
  extra: { annotations?: Record<string, string>; status?: object } = {},
): KubeObject {
  return {
    metadata: {
      name,
      namespace: 'team-a',
      annotations: extra.annotations ?? {},
    },
    spec: {
      ...(className ? { ingressClassName: className } : {}),
      rules: [{ host: `${name}.example.com` }],
    },
    status: extra.status ?? { loadBalancer: {} },
  };
}

function statuses(
  objects: Partial<IngressNginxSnapshot>,
  options = settings,
): Record<string, any> {
  const result = reconcileIngressNginx(
    { ingresses: [], ingressClasses: [], ...objects },
    options,
  );
  expect(result.failures).toEqual([]);
  return Object.fromEntries(
    result.updates.map(u => [u.object.metadata.name, u.status]),
  );
}

const ours = { loadBalancer: { ingress: [{ ip: '192.0.2.80' }] } };

describe('reconcileIngressNginx', () => {
  it('publishes its address on Ingresses of its class only', () => {
    expect(
      statuses({
        ingressClasses: [
          ingressClass('nginx'),
          ingressClass('other', 'example.com/other'),
        ],
        ingresses: [
          ingress('mine', 'nginx'),
          ingress('theirs', 'other'),
          ingress('unknown-class', 'missing'),
          ingress('no-class'),
        ],
      }),
    ).toEqual({ mine: ours });
  });

  it('serves Ingresses without class when one of its classes is the default', () => {
    const result = statuses({
      ingressClasses: [ingressClass('nginx', undefined, true)],
      ingresses: [ingress('no-class'), ingress('named', 'nginx')],
    });
    expect(result).toEqual({ 'no-class': ours, named: ours });
    expect(
      statuses({
        ingressClasses: [
          ingressClass('nginx'),
          ingressClass('other', 'example.com/other', true),
        ],
        ingresses: [ingress('no-class')],
      }),
    ).toEqual({});
  });

  it('honours the kubernetes.io/ingress.class annotation when ingressClassName is unset', () => {
    expect(
      statuses({
        ingressClasses: [ingressClass('nginx')],
        ingresses: [
          ingress('annotated', undefined, {
            annotations: { 'kubernetes.io/ingress.class': 'nginx' },
          }),
          ingress('annotated-other', undefined, {
            annotations: { 'kubernetes.io/ingress.class': 'traefik' },
          }),
        ],
      }),
    ).toEqual({ annotated: ours });
  });

  it('writes nothing when the status already carries its address', () => {
    expect(
      statuses({
        ingressClasses: [ingressClass('nginx')],
        ingresses: [ingress('mine', 'nginx', { status: ours })],
      }),
    ).toEqual({});
  });

  it('removes its address from an Ingress that left its class, keeping other entries', () => {
    const other = { hostname: 'lb.other.example.com' };
    expect(
      statuses({
        ingressClasses: [ingressClass('nginx')],
        ingresses: [
          ingress('moved', 'other', { status: ours }),
          ingress('shared', 'other', {
            status: {
              loadBalancer: { ingress: [other, { ip: '192.0.2.80' }] },
            },
          }),
          ingress('never-ours', 'other', {
            status: { loadBalancer: { ingress: [other] } },
          }),
        ],
      }),
    ).toEqual({
      moved: { loadBalancer: {} },
      shared: { loadBalancer: { ingress: [other] } },
    });
  });

  it('publishes a DNS name as hostname', () => {
    expect(
      statuses(
        {
          ingressClasses: [ingressClass('nginx')],
          ingresses: [ingress('mine', 'nginx')],
        },
        { ...settings, address: 'ingress.example.net' },
      ),
    ).toEqual({
      mine: {
        loadBalancer: { ingress: [{ hostname: 'ingress.example.net' }] },
      },
    });
  });

  it('serves the classes of its configured controller name', () => {
    expect(
      statuses(
        {
          ingressClasses: [
            ingressClass('nginx'),
            ingressClass('inc', 'nginx.org/ingress-controller'),
          ],
          ingresses: [ingress('a', 'nginx'), ingress('b', 'inc')],
        },
        { ...settings, controllerName: 'nginx.org/ingress-controller' },
      ),
    ).toEqual({ b: ours });
  });
});

describe('isValidAddress', () => {
  it.each([
    ['192.0.2.80', true],
    ['2001:db8::1', true],
    ['ingress.example.net', true],
    ['', false],
    ['Ingress.Example', false],
    ['not an address', false],
  ])('%s: %s', (address, valid) => {
    expect(isValidAddress(address)).toBe(valid);
  });
});
