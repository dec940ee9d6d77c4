import { PermissionsService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { z as zod } from 'zod/v3';
import { Ingress } from '@gatehouse/backstage-plugin-gateway-api-common';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { statusCodeOf } from '../kubernetes/retry';
import { checkTenantNamespace } from '../guards/exposureGuards';
import { cutoverRefusals, removedIngressConfigMap } from '../ingress/cutover';
import { INGRESS_API_VERSION } from '../ingress/ingressObjects';
import { migratedFrom } from '../ingress/ingressInventory';
import { TenantRecord } from '../tenants/tenantFromNamespace';
import { loadWorld } from '../world/loadWorld';
import { authorizeExpose } from './authorizeExpose';
import { ClusterProblemLookup, resolveClusterClient } from './clusters';
import { cutoverExamples } from './migrateIngressCutover.examples';
import { parseInput } from './parseInput';
import { executePlan } from './plan';

export interface IngressCutoverActionOptions {
  clients: ClusterClient[];
  /** Why a cluster cannot be used now; the action refuses it with that. */
  clusterProblem?: ClusterProblemLookup;
  permissions: PermissionsService;
}

export const ingressCutoverInput = (z: typeof zod) =>
  z.object({
    cluster: z
      .string({
        description:
          'Cluster name from kubernetes.clusterLocatorMethods; optional when only one is configured',
      })
      .optional(),
    tenant: z.string({ description: 'Tenant the Ingress belongs to' }),
    ingress: z
      .string({ description: 'The Ingress, as namespace/name' })
      .regex(/^[a-z0-9.-]+\/[a-z0-9.-]+$/, 'namespace/name of an Ingress'),
  });

type Input = zod.output<ReturnType<typeof ingressCutoverInput>>;

/**
 * The tenant, the caller's right to expose under it (the same permission as expose), and the
 * Ingress's namespace being one of the tenant's; shared by cutover and rollback.
 */
export async function guardIngressOfTenant(
  input: Input,
  options: IngressCutoverActionOptions,
  ctx: Parameters<typeof authorizeExpose>[1],
  verb: string,
): Promise<{
  client: ClusterClient;
  tenant: TenantRecord;
  namespace: string;
  name: string;
  world: Awaited<ReturnType<typeof loadWorld>>;
}> {
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
  await authorizeExpose(
    options.permissions,
    ctx,
    tenant,
    'expose services under',
  );
  const [namespace, name] = input.ingress.split('/');
  const refusal = checkTenantNamespace(tenant, 'Ingress', namespace);
  if (refusal) {
    throw new InputError(
      `You may not ${verb} Ingress ${input.ingress}: ${refusal}`,
    );
  }
  return { client, tenant, namespace, name, world };
}

const listOrNone = (
  client: ClusterClient,
  apiVersion: string,
  kind: string,
  namespace?: string,
) =>
  client.list(apiVersion, kind, namespace ? { namespace } : {}).catch(error => {
    if (statusCodeOf(error) === 404) return [];
    throw error;
  });

/**
 * `gatewayApi:ingress:cutover`: once every route made from an Ingress is Accepted, its parents
 * Programmed and its certificates Ready, removes the Ingress, keeping it in a ConfigMap beside
 * it so `gatewayApi:ingress:rollback` can bring it back exactly. Refuses, writing nothing and
 * saying why, before that.
 */
export function createIngressCutoverAction(
  options: IngressCutoverActionOptions,
) {
  return createTemplateAction({
    id: 'gatewayApi:ingress:cutover',
    description:
      'Removes a migrated Ingress once its routes serve every hostname (Accepted, Programmed, certificate Ready), keeping it for rollback',
    examples: cutoverExamples,
    supportsDryRun: true,
    schema: {
      input: ingressCutoverInput,
      output: {
        removed: z =>
          z.string({ description: 'namespace/name of the Ingress removed' }),
        backup: z =>
          z.string({
            description:
              'ConfigMap (namespace/name) keeping the removed Ingress',
          }),
        routes: z =>
          z.array(z.string(), {
            description: 'The routes now serving its hostnames',
          }),
      },
    },
    async handler(ctx) {
      const input = parseInput(ingressCutoverInput, ctx.input);
      const { client, namespace, name } = await guardIngressOfTenant(
        input,
        options,
        ctx,
        'cut over',
      );
      const ingress = (await client.get({
        apiVersion: INGRESS_API_VERSION,
        kind: 'Ingress',
        namespace,
        name,
      })) as Ingress | undefined;
      if (!ingress) {
        throw new InputError(
          `Ingress ${input.ingress} does not exist in cluster "${client.name}" (already cut over?); nothing to remove.`,
        );
      }
      const [routes, gateways, listenerSets, certificates] = await Promise.all([
        listOrNone(
          client,
          'gateway.networking.k8s.io/v1',
          'HTTPRoute',
          namespace,
        ),
        listOrNone(client, 'gateway.networking.k8s.io/v1', 'Gateway'),
        listOrNone(client, 'gateway.networking.k8s.io/v1', 'ListenerSet'),
        listOrNone(client, 'cert-manager.io/v1', 'Certificate'),
      ]);
      const migrated = routes.filter(r => migratedFrom(r) === input.ingress);
      const refusals = cutoverRefusals({
        ingress,
        routes: migrated,
        parents: [...gateways, ...listenerSets],
        certificates,
      });
      const routeRefs = migrated.map(
        r => `HTTPRoute/${r.metadata?.namespace}/${r.metadata?.name}`,
      );
      if (refusals.length) {
        throw new InputError(
          `Ingress ${
            input.ingress
          } stays: its routes do not serve every hostname yet, and removing it now would take them down.\n- ${refusals.join(
            '\n- ',
          )}`,
        );
      }
      const backup = removedIngressConfigMap(ingress);
      await executePlan(
        ctx,
        client,
        [
          { object: backup },
          {
            object: {
              apiVersion: INGRESS_API_VERSION,
              kind: 'Ingress',
              metadata: { namespace, name },
            },
            delete: true,
          },
        ],
        {
          output: 'apply',
          targetPath: '',
          // The uid: a later Ingress of the same name is another cutover.
          checkpointKey: `gatewayApi:ingress:cutover:${client.name}:${input.ingress}:${ingress.metadata?.uid}`,
        },
      );
      ctx.logger.info(
        `${ctx.isDryRun ? 'Would remove' : 'Removed'} Ingress ${
          input.ingress
        }; ${routeRefs.join(
          ', ',
        )} serve its hostnames. Roll back with gatewayApi:ingress:rollback.`,
      );
      ctx.output('removed', input.ingress);
      ctx.output('backup', `${namespace}/${backup.metadata.name}`);
      ctx.output('routes', routeRefs);
    },
  });
}
