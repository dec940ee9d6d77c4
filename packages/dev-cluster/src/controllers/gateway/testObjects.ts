import { KubeObject } from '../kube/types';
import { encodePem, toBase64 } from '../pem';

/** Builders of the objects the Gateway API tests put in a snapshot. */

export const CONTROLLER = 'gateway.envoyproxy.io/gatewayclass-controller';

export function gatewayClass(name = 'eg', spec: object = {}): KubeObject {
  return {
    metadata: { name, generation: 1 },
    spec: { controllerName: CONTROLLER, ...spec },
  };
}

export function gateway(
  name: string,
  listeners: object[],
  extra: {
    namespace?: string;
    className?: string;
    spec?: object;
    status?: object;
    created?: string;
  } = {},
): KubeObject {
  return {
    metadata: {
      name,
      namespace: extra.namespace ?? 'infra',
      generation: 3,
      creationTimestamp: extra.created ?? '2026-01-01T00:00:00Z',
    },
    spec: {
      gatewayClassName: extra.className ?? 'eg',
      listeners,
      ...extra.spec,
    },
    status: extra.status,
  };
}

export const acceptedStatus = {
  conditions: [{ type: 'Accepted', status: 'True', reason: 'Accepted' }],
};

export function route(
  name: string,
  namespace: string,
  spec: object,
  status?: object,
): KubeObject {
  return { metadata: { name, namespace, generation: 5 }, spec, status };
}

export function service(
  name: string,
  namespace: string,
  ports: number[] = [80],
): KubeObject {
  return {
    metadata: { name, namespace },
    spec: { ports: ports.map(port => ({ port })) },
  };
}

export function tlsSecret(name: string, namespace: string): KubeObject {
  return {
    metadata: { name, namespace },
    type: 'kubernetes.io/tls',
    data: {
      'tls.crt': toBase64(
        encodePem('CERTIFICATE', {
          dnsNames: ['a.example.com'],
          notBefore: '2026-01-01T00:00:00Z',
          notAfter: '2026-04-01T00:00:00Z',
          issuer: 'CN=test',
        }),
      ),
      'tls.key': toBase64(encodePem('PRIVATE KEY', { placeholder: 'test' })),
    },
  };
}

export function namespaceObject(
  name: string,
  labels: Record<string, string> = {},
): KubeObject {
  return { metadata: { name, labels } };
}
