import { PermissionsService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { z as zod } from 'zod/v3';
import {
  Ingress,
  IngressClass,
  Service,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { statusCodeOf } from '../kubernetes/retry';
import { INGRESS_API_VERSION, ingressId } from '../ingress/ingressObjects';
import {
  checkIngressMigration,
  IngressMigrationPlan,
  planIngressMigration,
} from '../ingress/migrationPlan';
import { migrationReportMarkdown } from '../ingress/migrationReport';
import { routeEntityRef } from '../exposures/routeEntityRef';
import { loadWorld } from '../world/loadWorld';
import { authorizeExpose } from './authorizeExpose';
import { ClusterProblemLookup, resolveClusterClient } from './clusters';
import { checkEntityOwnership } from './entityOwnership';
import { examples } from './migrateIngress.examples';
import { parseInput } from './parseInput';
import { executePlan, planYaml } from './plan';
import {
  exposureGatewayApiFor,
  listenerGatewayClass,
} from './servedGatewayApi';

export interface MigrateIngressActionOptions {
  clients: ClusterClient[];
  /** Why a cluster cannot be used now; the action refuses it with that. */
  clusterProblem?: ClusterProblemLookup;
  permissions: PermissionsService;
  /** Reads the owner of the component the routes will carry, with the initiator's credentials. */
  catalog: Pick<CatalogService, 'getEntityByRef'>;
}

export const migrateIngressInput = (z: typeof zod) =>
  z.object({
    cluster: z
      .string({
        description:
          'Cluster name from kubernetes.clusterLocatorMethods; optional when only one is configured',
      })
      .optional(),
    tenant: z.string({
      description: 'Tenant whose Gateway (or ListenerSet) the routes attach to',
    }),
    ingress: z
      .string({
        description:
          'One Ingress, as namespace/name; or give namespace or entityRef to migrate several',
      })
      .regex(/^[a-z0-9.-]+\/[a-z0-9.-]+$/, 'namespace/name of an Ingress')
      .optional(),
    namespace: z
      .string({ description: 'Every Ingress of this namespace' })
      .optional(),
    entityRef: z
      .string({
        description:
          'Every Ingress of this component (its backstage.io/kubernetes-id label or entity-ref annotation)',
      })
      .optional(),
    tls: z
      .enum(['cert-manager', 'reuse-secret'], {
        description:
          "cert-manager: a Certificate from the tenant's Issuer replaces the Ingress's Secret; reuse-secret: the listener serves the Ingress's own Secret",
      })
      .default('cert-manager'),
    acceptedDifferences: z
      .array(z.string(), {
        description:
          'Ids of the blocking differences of the report you accept (each is recorded on the route)',
      })
      .default([]),
    planOnly: z
      .boolean({
        description:
          'Only report and plan (as a dry run): the template shows the report before anything is written',
      })
      .default(false),
    output: z
      .enum(['apply', 'files'], {
        description:
          'apply to the cluster, or write manifests to the workspace for a pull request',
      })
      .default('apply'),
    targetPath: z
      .string({ description: 'files output: directory in the workspace' })
      .default('manifests'),
  });

/**
 * `gatewayApi:ingress:migrate`: routes on the tenant's existing Gateway or ListenerSet for one
 * Ingress (or all of a namespace or a component), translated from its rules and annotations,
 * while the Ingress keeps serving. The same guards and permission as expose, before anything
 * is written; nothing is written while a blocking difference is not accepted.
 */
export function createMigrateIngressAction(
  options: MigrateIngressActionOptions,
) {
  return createTemplateAction({
    id: 'gatewayApi:ingress:migrate',
    description:
      "Migrates ingress-nginx Ingresses to HTTPRoutes (and Envoy Gateway policies) on the tenant's Gateway, side by side with the Ingress until cutover",
    examples,
    supportsDryRun: true,
    schema: {
      input: migrateIngressInput,
      output: {
        status: z =>
          z.string({
            description:
              '"blocked" (a blocking difference is not accepted), "planned" (dry run or files) or "applied"',
          }),
        report: z =>
          z.string({
            description:
              'The translation report: every path and annotation, and the differences',
          }),
        blocking: z =>
          z.array(z.string(), {
            description: 'Ids of the blocking differences not accepted',
          }),
        routes: z =>
          z.array(z.string(), {
            description: 'Kind/namespace/name of the routes made',
          }),
        manifests: z =>
          z.string({ description: 'The planned objects as YAML' }),
      },
    },
    async handler(actionCtx) {
      const input = parseInput(migrateIngressInput, actionCtx.input);
      // Plan only is a dry run the user asks for: every write goes to the API server as one.
      const ctx = input.planOnly ? { ...actionCtx, isDryRun: true } : actionCtx;
      const plans = await planMigration(input, options, ctx);
      const report = plans
        .map(p => migrationReportMarkdown(p))
        .join('\n\n---\n\n');
      const blocking = plans.flatMap(p => p.blocking);
      ctx.output('report', report);
      ctx.output(
        'blocking',
        blocking.map(d => d.id),
      );
      ctx.logger.info(report);
      if (blocking.length > 0) {
        ctx.output('status', 'blocked');
        ctx.output('routes', []);
        ctx.output('manifests', '');
        const why = blocking
          .map(
            d =>
              `- ${d.id}: ${d.message}${
                d.acceptable
                  ? ''
                  : ' (cannot be accepted: change the Ingress first)'
              }`,
          )
          .join('\n');
        if (ctx.isDryRun) {
          ctx.logger.warn(`Blocked, nothing would be written:\n${why}`);
          return;
        }
        throw new InputError(
          `Nothing was written: the migration is blocked by differences not accepted.\n${why}\nAccept the acceptable ones by id (acceptedDifferences) once you have read them, and change the Ingress for the others.`,
        );
      }
      const writes = plans.flatMap(p => p.writes);
      const manifests = planYaml(writes);
      ctx.logger.info(`Planned objects:\n${manifests}`);
      const client = resolveClusterClient(
        options.clients,
        input.cluster,
        options.clusterProblem,
      );
      await executePlan(ctx, client, writes, {
        output: input.output,
        targetPath: input.targetPath,
        checkpointKey: `gatewayApi:ingress:migrate:${client.name}:${plans
          .map(p => `${p.ingress.namespace}/${p.ingress.name}`)
          .join(',')}`,
      });
      ctx.output(
        'status',
        ctx.isDryRun || input.output === 'files' ? 'planned' : 'applied',
      );
      ctx.output(
        'routes',
        plans.flatMap(p => p.routes),
      );
      ctx.output('manifests', manifests);
    },
  });
}

type MigrateIngressInput = zod.output<ReturnType<typeof migrateIngressInput>>;

const notServed = (client: ClusterClient) => (error: unknown) => {
  if (statusCodeOf(error) === 404) {
    throw new InputError(
      `Cluster "${client.name}" serves no networking.k8s.io/v1 Ingress, so there is nothing to migrate.`,
    );
  }
  throw error;
};

/** The selected Ingresses, guarded and planned; throws before any write when refused. */
export async function planMigration(
  input: MigrateIngressInput,
  options: MigrateIngressActionOptions,
  ctx: Parameters<typeof authorizeExpose>[1],
): Promise<IngressMigrationPlan[]> {
  const client = resolveClusterClient(
    options.clients,
    input.cluster,
    options.clusterProblem,
  );
  const world = await loadWorld(options.clients);
  const tenant = world.tenants.find(
    t => t.cluster === client.name && t.name === input.tenant,
  );
  if (!tenant) {
    throw new InputError(
      `Tenant "${input.tenant}" does not exist in cluster "${client.name}".`,
    );
  }
  if (!tenant.spec) {
    throw new InputError(
      `Tenant "${tenant.name}" was not provisioned by Gatehouse (its namespace has no spec annotation), so it has no Gateway to migrate to; provision it with gatewayApi:tenant:provision first.`,
    );
  }
  await authorizeExpose(
    options.permissions,
    ctx,
    tenant,
    'expose services under',
  );

  const [ingresses, ingressClasses, services] = await Promise.all([
    client
      .list(INGRESS_API_VERSION, 'Ingress')
      .then(items => items as Ingress[])
      .catch(notServed(client)),
    client
      .list(INGRESS_API_VERSION, 'IngressClass')
      .then(items => items as IngressClass[])
      .catch((): IngressClass[] => []),
    client.list('v1', 'Service').then(items => items as Service[]),
  ]);
  const selected = selectIngresses(ingresses, input);
  if (selected.length === 0) {
    throw new InputError(
      `No Ingress matches ${describeSelection(input)} in cluster "${
        client.name
      }".`,
    );
  }
  for (const ingress of selected) {
    const refusal = checkIngressMigration(ingress, {
      cluster: client.name,
      tenant,
      world,
    });
    if (refusal) throw new InputError(refusal);
  }
  // The routes carry the Ingress's component: only one the tenant's owner group owns.
  const components = new Set(
    selected.map(routeEntityRef).filter((r): r is string => !!r),
  );
  for (const entityRef of components) {
    await checkEntityOwnership(options.catalog, ctx, entityRef, tenant);
  }
  const served = await exposureGatewayApiFor(client, tenant.spec);
  // The class the routes attach through: a redirect its controller would refuse is a difference.
  const className = listenerGatewayClass(tenant.spec);
  const gatewayClass = className
    ? {
        name: className,
        supportedFeatures: [
          ...(await client.servedApis.supportedFeatures(className)),
        ],
      }
    : undefined;
  // ingress-nginx's 308/307 are kept where the served HTTPRoute's enum takes them (and the class
  // lists them: the translator's rule).
  const redirectCodes = await client.servedApis.redirectStatusCodes();
  const httpRouteRedirectCodes = [303, 307, 308].every(code =>
    redirectCodes.has(code),
  );
  return selected.map(ingress =>
    planIngressMigration(
      ingress,
      {
        cluster: client.name,
        tenant,
        world,
        served,
        ingressClasses,
        ingresses,
        services,
        gatewayClass,
        httpRouteRedirectCodes,
      },
      { tls: input.tls, acceptedDifferences: input.acceptedDifferences },
    ),
  );
}

function selectIngresses(
  ingresses: Ingress[],
  input: Pick<MigrateIngressInput, 'ingress' | 'namespace' | 'entityRef'>,
): Ingress[] {
  const given = [input.ingress, input.namespace, input.entityRef].filter(
    v => v !== undefined,
  );
  if (given.length !== 1) {
    throw new InputError(
      'Say which Ingresses to migrate with exactly one of ingress (namespace/name), namespace or entityRef.',
    );
  }
  if (input.ingress) {
    return ingresses.filter(i => ingressId(i) === `Ingress/${input.ingress}`);
  }
  if (input.namespace) {
    return ingresses.filter(i => i.metadata?.namespace === input.namespace);
  }
  const wanted = input.entityRef!.toLocaleLowerCase('en-US');
  const name = wanted.replace(/^.*[:/]/, '');
  return ingresses.filter(i => {
    const ref = routeEntityRef(i)?.toLocaleLowerCase('en-US');
    return ref === wanted || ref === `component:default/${name}`;
  });
}

function describeSelection(
  input: Pick<MigrateIngressInput, 'ingress' | 'namespace' | 'entityRef'>,
) {
  if (input.ingress) return `Ingress ${input.ingress}`;
  if (input.namespace) return `namespace ${input.namespace}`;
  return `component ${input.entityRef}`;
}
