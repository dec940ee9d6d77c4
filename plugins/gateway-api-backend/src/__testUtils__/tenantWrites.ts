import { ClusterClient } from '../kubernetes/ClusterClient';
import { KubectlResult } from './kubectl';

const GW = 'gateway.networking.k8s.io/v1';

/** kubectl as one tenant (`kubectlAs`). */
export type Kubectl = (
  args: string[],
  stdin?: string,
) => Promise<KubectlResult>;

/** An object a tenant writes with kubectl apply. */
export interface TenantWrite {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string };
}

/**
 * What a tenant writes by hand to serve a hostname (a route, a Certificate, a ListenerSet), each
 * with a name of its own, and the expectations on kubectl's answer: admitted and stored, or
 * refused with its reason and nothing stored. `admin` (the platform's client, once the cluster
 * is up) reads what the cluster holds.
 */
export function tenantWrites(admin: () => ClusterClient) {
  let count = 0;
  const route = (namespace: string, hostname: string) => ({
    apiVersion: GW,
    kind: 'HTTPRoute',
    metadata: { name: `r-${++count}`, namespace },
    spec: {
      parentRefs: [{ name: 'gateway' }],
      hostnames: [hostname],
      rules: [{ backendRefs: [{ name: 'web', port: 80 }] }],
    },
  });
  const certificate = (namespace: string, hostname: string) => ({
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name: `c-${++count}`, namespace },
    spec: {
      secretName: `c-${count}`,
      issuerRef: { name: 'letsencrypt', kind: 'Issuer' },
      dnsNames: [hostname],
    },
  });
  const listenerSet = (namespace: string, hostname: string) => ({
    apiVersion: GW,
    kind: 'ListenerSet',
    metadata: { name: `l-${++count}`, namespace },
    spec: {
      parentRef: { name: 'gateway', namespace },
      listeners: [{ name: 'http', hostname, port: 80, protocol: 'HTTP' }],
    },
  });
  const apply = (kubectl: Kubectl, object: TenantWrite) =>
    kubectl(['apply', '-f', '-'], JSON.stringify(object));
  const stored = (object: TenantWrite) =>
    admin().get({
      apiVersion: object.apiVersion,
      kind: object.kind,
      namespace: object.metadata.namespace,
      name: object.metadata.name,
    });

  /** kubectl apply succeeds, and the cluster holds the object. */
  async function admitted(kubectl: Kubectl, object: TenantWrite) {
    const { code, stderr } = await apply(kubectl, object);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(await stored(object)).toBeDefined();
  }
  /** kubectl apply is refused with the reason, and nothing is written. */
  async function refused(
    kubectl: Kubectl,
    object: TenantWrite,
    message: RegExp,
  ) {
    const { code, stderr } = await apply(kubectl, object);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(message);
    expect(await stored(object)).toBeUndefined();
  }

  return { route, certificate, listenerSet, apply, stored, admitted, refused };
}
