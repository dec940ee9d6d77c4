import { KubeObject } from '../api/types';

let nextServiceIp = 1;

/** Server-side defaults of the built-in kinds, so clients see what a real cluster returns. */
export function applyBuiltinDefaults(
  kind: string,
  object: KubeObject,
  old?: KubeObject,
): void {
  switch (kind) {
    case 'Namespace':
      object.metadata.labels = {
        ...object.metadata.labels,
        'kubernetes.io/metadata.name': object.metadata.name,
      };
      object.spec = { finalizers: ['kubernetes'], ...object.spec };
      object.status = old?.status ?? { phase: 'Active' };
      break;
    case 'Secret':
      if (object.stringData) {
        const data: Record<string, string> = { ...object.data };
        for (const [k, v] of Object.entries(
          object.stringData as Record<string, string>,
        )) {
          data[k] = Buffer.from(String(v)).toString('base64');
        }
        object.data = data;
        delete object.stringData;
      }
      object.type ??= 'Opaque';
      break;
    case 'Service': {
      const spec = (object.spec ??= {});
      spec.type ??= 'ClusterIP';
      spec.sessionAffinity ??= 'None';
      if (spec.type !== 'ExternalName' && !spec.clusterIP) {
        spec.clusterIP =
          old?.spec?.clusterIP ??
          `10.96.${Math.floor(nextServiceIp / 254)}.${
            (nextServiceIp++ % 254) + 1
          }`;
        spec.clusterIPs = [spec.clusterIP];
      }
      for (const port of spec.ports ?? []) {
        port.protocol ??= 'TCP';
        port.targetPort ??= port.port;
      }
      object.status ??= { loadBalancer: {} };
      break;
    }
    case 'Ingress':
      object.status ??= { loadBalancer: {} };
      break;
    case 'IngressClass':
      // networking/v1 defaulting: parameters without a scope are cluster-scoped.
      if (
        object.spec?.parameters &&
        object.spec.parameters.scope === undefined
      ) {
        object.spec.parameters.scope = 'Cluster';
      }
      break;
    default:
      break;
  }
}
