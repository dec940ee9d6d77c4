import {
  dnsLabelName,
  GATEWAY_API_ANNOTATIONS,
  implementationForControllerName,
  Ingress,
  IngressClass,
  IngressTranslation,
  MigrationDifference,
  MigrationParentRef,
  MigrationTlsChoice,
  Service,
  translateIngress,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { checkHostname, checkTenantNamespace } from '../guards/exposureGuards';
import {
  buildExposureObjects,
  exposureFieldManager,
  KubernetesObject,
  MANAGED_BY_LABELS,
  ServedGatewayApi,
} from '../manifests';
import { routeEntityRef } from '../exposures/routeEntityRef';
import { exposureNames } from '../scaffolder/exposureNames';
import { PlannedWrite } from '../scaffolder/plan';
import { TenantRecord } from '../tenants/tenantFromNamespace';
import { World } from '../world/loadWorld';
import { ingressClassOf, ingressHosts, ingressId } from './ingressObjects';

/** How the migrated hostnames get their certificates. */
export type TlsChoice = 'cert-manager' | 'reuse-secret';

/** What one Ingress becomes, or why it cannot yet. */
export interface IngressMigrationPlan {
  ingress: { namespace: string; name: string };
  translation: IngressTranslation;
  /** Blocking differences not accepted (or not acceptable): nothing is written while any. */
  blocking: MigrationDifference[];
  /** Differences accepted for the user because the tenant's layout already covers them. */
  acceptedByLayout: string[];
  /** Empty while blocked. */
  writes: PlannedWrite[];
  /** The routes the translation makes, `HTTPRoute/namespace/name`. */
  routes: string[];
}

export interface MigrationContext {
  cluster: string;
  tenant: TenantRecord;
  world: World;
  served: ServedGatewayApi;
  ingressClasses: IngressClass[];
  /** Every Ingress of the cluster (canaries and shared hosts are read from them). */
  ingresses: Ingress[];
  services: Service[];
  /**
   * The GatewayClass of the tenant's listeners and its `status.supportedFeatures`: a redirect
   * it cannot serve is a difference (none listed: the benefit of the doubt).
   */
  gatewayClass?: { name: string; supportedFeatures: string[] };
  /**
   * Whether the cluster's HTTPRoute takes the redirect codes 303, 307 and 308 (its schema's
   * enum, Gateway API v1.5+): ingress-nginx's 308 is kept only then, and only where the
   * GatewayClass lists the code's feature; otherwise it is written as 301 (and 307 as 302).
   */
  httpRouteRedirectCodes?: boolean;
}

/**
 * Why the tenant may not migrate this Ingress, or undefined when it may: the same guards as
 * expose. The Ingress lives in one of the tenant's namespaces, and each of its hosts is a
 * valid name inside the tenant's domains that no other tenant serves (its own Ingress does
 * not count against it).
 */
export function checkIngressMigration(
  ingress: Ingress,
  context: Pick<MigrationContext, 'cluster' | 'tenant' | 'world'>,
): string | undefined {
  const ref = ingressId(ingress);
  const namespace = ingress.metadata?.namespace ?? '';
  const refusal = checkTenantNamespace(context.tenant, 'Ingress', namespace);
  if (refusal) return `${ref}: ${refusal}`;
  const hosts = ingressHosts(ingress);
  const declared = (ingress.spec?.rules ?? []).filter(r => r.host).length;
  if (hosts.length === 0) {
    return `${ref} has no rule with a host: a route needs hostnames, so a catch-all Ingress cannot be migrated by hostname. Give its rules hosts first.`;
  }
  if (hosts.length < declared) {
    return `${ref} has a rule whose host is not a DNS name (an IP address, or malformed); fix or remove it first.`;
  }
  for (const host of hosts) {
    const verdict = checkHostname(
      {
        cluster: context.cluster,
        tenant: context.tenant.name,
        hostname: host.hostname,
      },
      context.world,
    );
    if (!verdict.ok) return `${ref}: ${verdict.reason}`;
  }
  return undefined;
}

/**
 * The differences the tenant's layout already covers, so they do not stop the migration: each
 * Gatehouse layout redirects HTTP to HTTPS for every hostname of the tenant (the http-redirect
 * Gateway, or the https-redirect route on the HTTP listener). Where the tenant's GatewayClass
 * cannot serve that redirect, provisioning left it out and the translator says so instead
 * (`https-redirect-unsupported`), which the user must accept.
 */
export const COVERED_BY_LAYOUT = ['ssl-redirect-needs-http-listener'];

/** Differences no acceptance lifts: they must be removed from the Ingress first. */
export const NEVER_ACCEPTED = ['configuration-injection'];

const uniqueById = (differences: MigrationDifference[]) => {
  const byId = new Map<string, MigrationDifference>();
  for (const d of differences) {
    const seen = byId.get(d.id);
    // The stricter reading wins.
    byId.set(d.id, seen && !seen.acceptable ? seen : d);
  }
  return [...byId.values()];
};

/**
 * Plans the migration of one Ingress (already checked by {@link checkIngressMigration}):
 * per hostname, what the tenant's layout needs on the gateway side (a listener on the tenant's
 * Gateway or ListenerSet, and its certificate), exactly as expose would make it; then the
 * translator's routes and Envoy Gateway policies attached to those listeners. The Ingress is
 * left as it is: both serve side by side until cutover.
 */
export function planIngressMigration(
  ingress: Ingress,
  context: MigrationContext,
  options: { tls: TlsChoice; acceptedDifferences: string[] },
): IngressMigrationPlan {
  const spec = context.tenant.spec!;
  const namespace = ingress.metadata!.namespace!;
  const name = ingress.metadata!.name!;
  const entityRef = routeEntityRef(ingress);
  const kubernetesId =
    ingress.metadata?.labels?.[GATEWAY_API_ANNOTATIONS.kubernetesId] ??
    (entityRef ? dnsLabelName(entityRef.replace(/^.*[:/]/, '')) : undefined);

  // The gateway side of each hostname, and the listener its routes attach to.
  const parents = new Map<string, MigrationParentRef>();
  const gatewaySide: PlannedWrite[] = [];
  for (const host of ingressHosts(ingress)) {
    const backend = host.backends[0];
    const objects = buildExposureObjects(
      {
        hostname: host.hostname,
        kind: 'HTTPRoute',
        routeNamespace: namespace,
        service: {
          namespace,
          name: backend?.name ?? name,
          port: backend?.port ?? 80,
        },
        pathPrefix: '/',
        entityRef: entityRef ?? `component:default/${name}`,
        kubernetesId: kubernetesId ?? dnsLabelName(name),
        names: exposureNames(host.hostname),
      },
      spec,
      context.served,
    );
    const route = objects.find(o => o.kind === 'HTTPRoute') as
      | (KubernetesObject & { spec: { parentRefs: any[] } })
      | undefined;
    const parentRef = route?.spec.parentRefs[0];
    if (parentRef) {
      const key = `${parentRef.kind}/${parentRef.namespace}/${parentRef.name}`;
      const parent: MigrationParentRef = parents.get(key) ?? {
        ...(parentRef.group ? { group: parentRef.group } : {}),
        kind: parentRef.kind,
        namespace: parentRef.namespace,
        name: parentRef.name,
        httpsSectionNames: {},
      };
      parent.httpsSectionNames![host.hostname] = parentRef.sectionName;
      parents.set(key, parent);
    }
    const fieldManager = exposureFieldManager(host.hostname);
    for (const object of objects) {
      // The routes come from the translator; a grant for a Service elsewhere is not needed,
      // since an Ingress's backends live in its own namespace.
      if (object.kind === 'HTTPRoute' || object.kind === 'ReferenceGrant') {
        continue;
      }
      gatewaySide.push({ object, fieldManager });
    }
  }

  const tls: MigrationTlsChoice =
    options.tls === 'reuse-secret'
      ? { mode: 'reuse-secret' }
      : {
          mode: 'cert-manager',
          issuerRef: { name: spec.names.issuer, kind: 'Issuer' },
        };
  const ingressClass = (() => {
    const { name: className } = ingressClassOf(ingress, context.ingressClasses);
    return context.ingressClasses.find(c => c.metadata?.name === className);
  })();
  const translate = (accepted: string[]) =>
    translateIngress({
      ingress,
      ingressClass,
      otherIngresses: context.ingresses,
      services: context.services.filter(
        s => s.metadata?.namespace === namespace,
      ),
      target: {
        parentRefs: [...parents.values()],
        implementation: implementationForControllerName(spec.controllerName),
        httpRouteRedirectCodes: context.httpRouteRedirectCodes === true,
        ...(context.gatewayClass
          ? {
              gatewayClassName: context.gatewayClass.name,
              supportedFeatures: context.gatewayClass.supportedFeatures,
            }
          : {}),
        tls,
        acceptedDifferences: accepted,
      },
    });
  let translation = translate(options.acceptedDifferences);
  const acceptedByLayout = translation.report.differences
    .filter(
      d =>
        COVERED_BY_LAYOUT.includes(d.kind) &&
        !d.accepted &&
        !options.acceptedDifferences.includes(d.id),
    )
    .map(d => d.id);
  if (acceptedByLayout.length) {
    translation = translate([
      ...options.acceptedDifferences,
      ...acceptedByLayout,
    ]);
  }
  const ref = { namespace, name };
  // The translator blocks what is not accepted. Here an unacceptable difference, and any
  // configuration injection, block whatever the input accepts: a snippet ran raw nginx
  // configuration with the controller's rights, and nobody can vouch for it by ticking a box.
  const blocking = uniqueById([
    ...(translation.status === 'blocked' ? translation.blocking : []),
    ...translation.report.differences
      .filter(
        d =>
          (d.severity === 'blocking' && (!d.accepted || !d.acceptable)) ||
          NEVER_ACCEPTED.includes(d.kind),
      )
      .map(d =>
        NEVER_ACCEPTED.includes(d.kind) ? { ...d, acceptable: false } : d,
      ),
  ]);
  if (translation.status === 'blocked' || blocking.length > 0) {
    return {
      ingress: ref,
      translation,
      blocking,
      acceptedByLayout,
      writes: [],
      routes: [],
    };
  }

  const routeFieldManager = ingressFieldManager(namespace, name);
  const generated: PlannedWrite[] = [];
  for (const object of translation.objects) {
    // Certificates come from the tenant's layout (its Issuer, where its listeners look).
    if (object.kind === 'Certificate') continue;
    generated.push({
      object: {
        ...object,
        metadata: {
          ...object.metadata,
          labels: {
            ...object.metadata.labels,
            ...MANAGED_BY_LABELS,
            ...(kubernetesId
              ? { [GATEWAY_API_ANNOTATIONS.kubernetesId]: kubernetesId }
              : {}),
          },
          annotations: {
            ...object.metadata.annotations,
            ...(entityRef
              ? { [GATEWAY_API_ANNOTATIONS.entityRef]: entityRef }
              : {}),
          },
        },
      } as KubernetesObject,
      fieldManager: routeFieldManager,
    });
  }
  const writes =
    options.tls === 'reuse-secret'
      ? reuseIngressSecrets(gatewaySide, translation, namespace)
      : gatewaySide;
  return {
    ingress: ref,
    translation,
    blocking: [],
    acceptedByLayout,
    writes: [...writes, ...generated],
    routes: generated
      .filter(w => w.object.kind === 'HTTPRoute')
      .map(
        w =>
          `HTTPRoute/${w.object.metadata.namespace}/${w.object.metadata.name}`,
      ),
  };
}

/** The field manager of the objects made from one Ingress. */
export function ingressFieldManager(namespace: string, name: string): string {
  return `gatehouse/ingress/${namespace}/${name}`.slice(0, 128);
}

/**
 * The reuse-secret choice: each hostname's listener serves the Ingress's own TLS Secret
 * instead of a new Certificate, through a ReferenceGrant in the Ingress's namespace when the
 * listener lives elsewhere (the Gateway API's rule for a Secret in another namespace).
 */
function reuseIngressSecrets(
  writes: PlannedWrite[],
  translation: IngressTranslation,
  ingressNamespace: string,
): PlannedWrite[] {
  const secretOf = new Map(
    translation.report.tls
      .filter(t => t.secret && !t.certificate)
      .map(t => [t.hostname, t.secret!]),
  );
  const result: PlannedWrite[] = [];
  const grants: PlannedWrite[] = [];
  for (const write of writes) {
    const object = write.object as KubernetesObject & {
      spec?: { listeners?: any[]; dnsNames?: string[] };
    };
    if (
      object.kind === 'Certificate' &&
      (object.spec?.dnsNames ?? []).every(n => secretOf.has(n))
    ) {
      continue;
    }
    if (!Array.isArray(object.spec?.listeners)) {
      result.push(write);
      continue;
    }
    const listeners = object.spec!.listeners!.map(listener => {
      const secret = listener.hostname && secretOf.get(listener.hostname);
      if (!secret || !listener.tls) return listener;
      const crossNamespace = secret.namespace !== object.metadata.namespace;
      if (crossNamespace) {
        grants.push({
          object: {
            apiVersion: 'gateway.networking.k8s.io/v1beta1',
            kind: 'ReferenceGrant',
            metadata: {
              name: `${object.metadata.name}-${secret.name}`.slice(0, 253),
              namespace: ingressNamespace,
              labels: { ...MANAGED_BY_LABELS },
            },
            spec: {
              from: [
                {
                  group: 'gateway.networking.k8s.io',
                  kind: object.kind,
                  namespace: object.metadata.namespace!,
                },
              ],
              to: [{ group: '', kind: 'Secret', name: secret.name }],
            },
          },
          fieldManager: write.fieldManager,
        });
      }
      return {
        ...listener,
        tls: {
          ...listener.tls,
          certificateRefs: [
            {
              group: '',
              kind: 'Secret',
              name: secret.name,
              ...(crossNamespace ? { namespace: secret.namespace } : {}),
            },
          ],
        },
      };
    });
    result.push({
      ...write,
      object: { ...object, spec: { ...object.spec, listeners } },
    });
  }
  return [...grants, ...result];
}
