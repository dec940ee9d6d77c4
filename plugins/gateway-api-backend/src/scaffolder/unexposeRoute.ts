import { PermissionsService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { z as zod } from 'zod/v3';
import {
  checkHostnameForTenant,
  GATEWAY_API_ANNOTATIONS,
  normaliseHostname,
  TENANT_METADATA,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { checkTenantNamespace } from '../guards/exposureGuards';
import { ClusterClient } from '../kubernetes/ClusterClient';
import {
  buildExposureObjects,
  exposureFieldManager,
  HOSTNAMES_ANNOTATION,
  KubernetesObject,
} from '../manifests';
import { tenantDomains } from '../tenants/tenantDomains';
import { loadWorld } from '../world/loadWorld';
import { authorizeExpose } from './authorizeExpose';
import { checkEntityOwnership } from './entityOwnership';
import { ClusterProblemLookup, resolveClusterClient } from './clusters';
import { examples } from './unexposeRoute.examples';
import { parseInput } from './parseInput';
import { exposureNames } from './exposureNames';
import { executePlan, PlannedWrite } from './plan';
import { exposureGatewayApiFor } from './servedGatewayApi';

export interface UnexposeRouteActionOptions {
  clients: ClusterClient[];
  /** Why a cluster cannot be used now; the action refuses it with that. */
  clusterProblem?: ClusterProblemLookup;
  permissions: PermissionsService;
  /** Reads the named entity's owner, with the initiator's credentials. */
  catalog: Pick<CatalogService, 'getEntityByRef'>;
}

/** The input schema; parsed again in the handler, since the scaffolder validates without applying defaults. */
export const unexposeRouteInput = (z: typeof zod) =>
  z.object({
    cluster: z.string().optional(),
    tenant: z.string({ description: 'Tenant the hostname was exposed under' }),
    hostname: z.string({ description: 'The exposed hostname' }),
    namespace: z
      .string({
        description: 'Namespace of the route; the tenant namespace by default',
      })
      .optional(),
    entityRef: z
      .string({
        description:
          'Catalog entity the hostname was exposed for; when given, it must be owned by the tenant owner group and be the entity the route carries',
      })
      .optional(),
  });

/**
 * `gatewayApi:route:unexpose`: removes exactly what `gatewayApi:route:expose` created for a
 * hostname. Objects that exist for that hostname alone are deleted; shared objects (a listener
 * of a shared Gateway, a namespace's opt-in label) are applied empty under the hostname's field
 * manager, so server-side apply drops only the fields that hostname owned.
 */
export function createUnexposeRouteAction(options: UnexposeRouteActionOptions) {
  return createTemplateAction({
    id: 'gatewayApi:route:unexpose',
    description:
      'Removes the route of a hostname and what it alone needed, keeping anything another hostname still uses',
    supportsDryRun: true,
    examples,
    schema: {
      input: unexposeRouteInput,
      output: {
        removed: z => z.array(z.string()),
        released: z => z.array(z.string()),
      },
    },
    async handler(ctx) {
      const input = parseInput(unexposeRouteInput, ctx.input);
      const client = resolveClusterClient(
        options.clients,
        input.cluster,
        options.clusterProblem,
      );
      const normalised = normaliseHostname(input.hostname, {
        allowWildcard: true,
      });
      if (!normalised.ok) throw new InputError(normalised.reason);
      const hostname = normalised.hostname;
      const world = await loadWorld([client]);
      const tenant = world.tenants.find(t => t.name === input.tenant);
      if (!tenant?.spec) {
        throw new InputError(
          `Tenant "${input.tenant}" was not provisioned by Gatehouse in cluster "${client.name}".`,
        );
      }
      await authorizeExpose(
        options.permissions,
        ctx,
        tenant,
        'unexpose hostnames of',
      );
      const entityRef = input.entityRef
        ? await checkEntityOwnership(
            options.catalog,
            ctx,
            input.entityRef,
            tenant,
          )
        : undefined;

      // A tenant removes only its own exposures: a hostname of its domains, a route in its
      // namespaces, labelled as its own. Anything else is another tenant's, or the platform's.
      const inDomain = checkHostnameForTenant(
        hostname,
        tenant.name,
        tenantDomains(world.tenants),
      );
      if (!inDomain.ok) throw new InputError(inDomain.reason);
      const routeNamespace = input.namespace ?? tenant.namespace;
      const outside = checkTenantNamespace(tenant, 'route', routeNamespace);
      if (outside) throw new InputError(outside);
      const names = exposureNames(hostname);
      const route = await findRoute(client, routeNamespace, names.route);
      if (!route) {
        throw new InputError(
          `No HTTPRoute or TLSRoute "${names.route}" exposes ${hostname} in namespace "${routeNamespace}"; check the hostname and namespace.`,
        );
      }
      const owner = route.object.metadata?.labels?.[TENANT_METADATA.tenant];
      if (owner !== tenant.name) {
        throw new InputError(
          `Route ${route.kind}/${routeNamespace}/${names.route} belongs to ${
            owner ? `tenant "${owner}"` : 'no tenant'
          }, not to "${
            tenant.name
          }"; only its own tenant, or the platform team, may remove it.`,
        );
      }
      if (entityRef) {
        const carried =
          route.object.metadata?.annotations?.[
            GATEWAY_API_ANNOTATIONS.entityRef
          ];
        if (carried !== entityRef) {
          throw new NotAllowedError(
            `Route ${route.kind}/${routeNamespace}/${
              names.route
            } was exposed for ${
              carried ?? 'no entity'
            }, not for ${entityRef}; unexpose it from that entity.`,
          );
        }
      }
      if (!(route.object.spec?.hostnames ?? []).includes(hostname)) {
        throw new InputError(
          `Route ${route.kind}/${routeNamespace}/${names.route} does not serve ${hostname}; it was not created by gatewayApi:route:expose for that hostname.`,
        );
      }
      const backend = route.object.spec?.rules?.[0]?.backendRefs?.[0] ?? {};
      const objects = buildExposureObjects(
        {
          hostname,
          kind: route.kind,
          routeNamespace,
          service: {
            namespace: backend.namespace ?? routeNamespace,
            name: backend.name ?? '',
            port: backend.port ?? 0,
          },
          entityRef: '',
          kubernetesId: '',
          names,
        },
        tenant.spec,
        await exposureGatewayApiFor(client, tenant.spec),
      );
      const fieldManager = exposureFieldManager(hostname);
      const plan: PlannedWrite[] = objects.map(object =>
        ownedByHostnameAlone(object, hostname)
          ? { object, delete: true }
          : { object: bare(object), fieldManager },
      );
      await executePlan(ctx, client, plan, {
        output: 'apply',
        targetPath: '',
        checkpointKey: `gatewayApi:route:unexpose:${client.name}:${hostname}`,
      });
      const id = (o: KubernetesObject) =>
        `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
      ctx.output(
        'removed',
        plan.filter(w => w.delete).map(w => id(w.object)),
      );
      ctx.output(
        'released',
        plan.filter(w => !w.delete).map(w => id(w.object)),
      );
    },
  });
}

function ownedByHostnameAlone(
  object: KubernetesObject,
  hostname: string,
): boolean {
  return object.metadata.annotations?.[HOSTNAMES_ANNOTATION] === hostname;
}

/** The object with nothing but its identity: applying it releases the manager's fields. */
function bare(object: KubernetesObject): KubernetesObject {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    metadata: {
      name: object.metadata.name,
      ...(object.metadata.namespace
        ? { namespace: object.metadata.namespace }
        : {}),
    },
  };
}

async function findRoute(
  client: ClusterClient,
  namespace: string,
  name: string,
) {
  for (const kind of ['HTTPRoute', 'TLSRoute'] as const) {
    // A kind the cluster does not serve has no route to remove; one it serves is read (and
    // deleted) at its served version.
    const served = await client.servedApis.kind(kind);
    if (!served) continue;
    const object = (await client.get({
      apiVersion: served.apiVersion,
      kind,
      namespace,
      name,
    })) as any;
    if (object) return { kind, object };
  }
  return undefined;
}
