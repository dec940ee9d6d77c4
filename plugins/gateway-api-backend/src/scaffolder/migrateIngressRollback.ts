import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { checkHostname } from '../guards/exposureGuards';
import {
  ingressFromConfigMap,
  removedIngressConfigMapName,
} from '../ingress/cutover';
import { INGRESS_API_VERSION, ingressHosts } from '../ingress/ingressObjects';
import { rollbackExamples } from './migrateIngressCutover.examples';
import {
  guardIngressOfTenant,
  IngressCutoverActionOptions,
  ingressCutoverInput,
} from './migrateIngressCutover';
import { parseInput } from './parseInput';
import { executePlan } from './plan';

/**
 * `gatewayApi:ingress:rollback`: brings back an Ingress removed at cutover, exactly as it was
 * (spec, labels, annotations), from the ConfigMap cutover kept. The routes stay, so both serve
 * again. Refuses when nothing was kept, when an Ingress of that name exists again, or when
 * its hostnames are no longer the tenant's to serve.
 */
export function createIngressRollbackAction(
  options: IngressCutoverActionOptions,
) {
  return createTemplateAction({
    id: 'gatewayApi:ingress:rollback',
    description:
      'Brings back an Ingress removed by gatewayApi:ingress:cutover, exactly as it was',
    examples: rollbackExamples,
    supportsDryRun: true,
    schema: {
      input: ingressCutoverInput,
      output: {
        restored: z =>
          z.string({
            description: 'namespace/name of the Ingress brought back',
          }),
      },
    },
    async handler(ctx) {
      const input = parseInput(ingressCutoverInput, ctx.input);
      const { client, tenant, namespace, name, world } =
        await guardIngressOfTenant(input, options, ctx, 'roll back');
      const configMap = (await client.get({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        namespace,
        name: removedIngressConfigMapName(name),
      })) as { metadata?: any; data?: Record<string, string> } | undefined;
      const ingress = configMap && ingressFromConfigMap(configMap);
      if (!configMap || !ingress) {
        throw new InputError(
          `No Ingress ${input.ingress} removed by cutover is kept in cluster "${
            client.name
          }" (ConfigMap ${namespace}/${removedIngressConfigMapName(
            name,
          )}); there is nothing to roll back.`,
        );
      }
      if (
        ingress.metadata?.namespace !== namespace ||
        ingress.metadata?.name !== name
      ) {
        throw new InputError(
          `ConfigMap ${namespace}/${configMap.metadata?.name} keeps ${ingress.metadata?.namespace}/${ingress.metadata?.name}, not ${input.ingress}; it was changed by hand, so it is not restored.`,
        );
      }
      const existing = await client.get({
        apiVersion: INGRESS_API_VERSION,
        kind: 'Ingress',
        namespace,
        name,
      });
      if (existing) {
        throw new InputError(
          `Ingress ${input.ingress} exists again; remove it first if the kept one should replace it.`,
        );
      }
      // The names must still be the tenant's: the same guards as expose.
      for (const host of ingressHosts(ingress)) {
        const verdict = checkHostname(
          {
            cluster: client.name,
            tenant: tenant.name,
            hostname: host.hostname,
          },
          world,
        );
        if (!verdict.ok) {
          throw new InputError(
            `Ingress ${input.ingress} is not brought back: ${verdict.reason}`,
          );
        }
      }
      await executePlan(
        ctx,
        client,
        [
          {
            object: ingress as any,
            fieldManager: 'gatehouse/ingress-rollback',
          },
          { object: configMap as any, delete: true },
        ],
        {
          output: 'apply',
          targetPath: '',
          checkpointKey: `gatewayApi:ingress:rollback:${client.name}:${input.ingress}:${configMap.metadata?.uid}`,
        },
      );
      ctx.logger.info(
        `${ctx.isDryRun ? 'Would bring' : 'Brought'} back Ingress ${
          input.ingress
        }; it serves its hostnames beside the routes again.`,
      );
      ctx.output('restored', input.ingress);
    },
  });
}
