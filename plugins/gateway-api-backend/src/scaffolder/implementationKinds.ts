import { InputError } from '@backstage/errors';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { KubernetesObject } from '../manifests';

/** Groups of the implementations' own objects; Gateway API, cert-manager and core are checked elsewhere. */
const IMPLEMENTATION_GROUPS = new Set([
  'gateway.envoyproxy.io',
  'gateway.nginx.org',
  'cilium.io',
]);

/**
 * Refuses a plan with an implementation object the cluster does not serve (its CRDs not
 * installed), before anything is written: applying it would fail half-way through the plan.
 */
export async function requireServedImplementationKinds(
  client: ClusterClient,
  objects: KubernetesObject[],
): Promise<void> {
  const checked = new Map<string, Set<string>>();
  for (const object of objects) {
    const [group, version] = object.apiVersion.split('/');
    if (!version || !IMPLEMENTATION_GROUPS.has(group)) continue;
    let kinds = checked.get(object.apiVersion);
    if (!kinds) {
      kinds = new Set(
        (await client.apiResources(group, version)).map(r => r.kind),
      );
      checked.set(object.apiVersion, kinds);
    }
    if (!kinds.has(object.kind)) {
      throw new InputError(
        `cluster ${client.name} does not serve ${object.kind} (${object.apiVersion}), which this tenant needs; install the implementation's CRDs there, or choose options that do not need it`,
      );
    }
  }
}

/**
 * Refuses to move an existing shared Gateway to another GatewayClass: every tenant already on it
 * would change implementation at once.
 */
export async function refuseSharedGatewayClassChange(
  client: ClusterClient,
  shared: { namespace: string; name: string; gatewayClassName: string },
): Promise<void> {
  const existing = (await client.get({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    namespace: shared.namespace,
    name: shared.name,
  })) as { spec?: { gatewayClassName?: string } } | undefined;
  const current = existing?.spec?.gatewayClassName;
  if (current && current !== shared.gatewayClassName) {
    throw new InputError(
      `the shared Gateway ${shared.namespace}/${shared.name} belongs to GatewayClass ${current}, not ${shared.gatewayClassName}; provision the tenant onto it with that class, or name another shared Gateway for this implementation`,
    );
  }
}
