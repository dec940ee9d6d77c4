import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { statusCodeOf } from '../kubernetes/retry';
import { KubernetesObject, toKustomization, toYaml } from '../manifests';

/** One write of an action: a server-side apply under a field manager, or a delete. */
export interface PlannedWrite {
  object: KubernetesObject;
  /** Defaults to `gatehouse`; per-hostname managers share objects without clobbering. */
  fieldManager?: string;
  delete?: boolean;
}

/** Where an action's objects go. */
export type OutputMode = 'apply' | 'files';

export interface PlanContext {
  isDryRun?: boolean;
  workspacePath: string;
  logger: { info(message: string): void };
  checkpoint<T extends string | number | boolean | null | void>(options: {
    key: string;
    fn: () => Promise<T> | T;
  }): Promise<T>;
}

export const objectIdentity = (o: KubernetesObject) =>
  `${o.kind}/${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${
    o.metadata.name
  }`;

/**
 * Carries out a plan, the same way for every write action:
 * - dry run: each write goes to the API server with `dryRun=All`, so the CRD schemas, CEL rules
 *   and admission policies of the real cluster judge it, and nothing is stored;
 * - files: one manifest per object plus a kustomization.yaml under `targetPath` in the
 *   workspace, for a pull request (GitOps) instead of a direct apply;
 * - apply: each write inside `ctx.checkpoint`, keyed by the object and the field manager, so a
 *   retried task does not write twice.
 */
export async function executePlan(
  ctx: PlanContext,
  client: ClusterClient,
  plan: PlannedWrite[],
  options: { output: OutputMode; targetPath: string; checkpointKey: string },
): Promise<void> {
  if (options.output === 'files') {
    const dir = resolveSafeChildPath(ctx.workspacePath, options.targetPath);
    const files = toKustomization(
      plan.filter(w => !w.delete).map(w => w.object),
    );
    await fs.mkdir(dir, { recursive: true });
    for (const [name, content] of Object.entries(files)) {
      await fs.writeFile(path.join(dir, name), content);
    }
    ctx.logger.info(
      `Wrote ${Object.keys(files).length} files to ${options.targetPath}/`,
    );
    return;
  }

  // A dry run stores nothing, so objects in a namespace the plan itself creates cannot be
  // judged before that namespace exists; the API server judges them when the plan is applied.
  const plannedNamespaces = new Set(
    plan
      .filter(w => !w.delete && w.object.kind === 'Namespace')
      .map(w => w.object.metadata.name),
  );
  for (const write of plan) {
    const id = objectIdentity(write.object);
    const verb = write.delete ? 'delete' : 'apply';
    if (ctx.isDryRun) {
      try {
        if (write.delete) {
          await client.delete(refOf(write.object), { dryRun: true });
        } else {
          await client.apply(write.object, {
            dryRun: true,
            fieldManager: write.fieldManager,
          });
        }
        ctx.logger.info(
          `Dry run: ${verb} ${id} accepted by cluster ${client.name}`,
        );
      } catch (error) {
        const namespace = write.object.metadata.namespace;
        if (
          statusCodeOf(error) !== 404 ||
          !namespace ||
          !plannedNamespaces.has(namespace)
        ) {
          throw error;
        }
        ctx.logger.info(
          `Dry run: ${id} waits for namespace ${namespace}, which this plan creates`,
        );
      }
      continue;
    }
    await ctx.checkpoint({
      key: `${options.checkpointKey}:${verb}:${write.fieldManager ?? ''}:${id}`,
      fn: async () => {
        if (write.delete) {
          const deleted = await client.delete(refOf(write.object));
          ctx.logger.info(deleted ? `Deleted ${id}` : `${id} was already gone`);
        } else {
          await client.apply(write.object, {
            fieldManager: write.fieldManager,
          });
          ctx.logger.info(`Applied ${id} in cluster ${client.name}`);
        }
      },
    });
  }
}

/** The plan as one YAML stream, for logs and the dry-run output. */
export function planYaml(plan: PlannedWrite[]): string {
  return toYaml(plan.filter(w => !w.delete).map(w => w.object));
}

function refOf(o: KubernetesObject) {
  return {
    apiVersion: o.apiVersion,
    kind: o.kind,
    namespace: o.metadata.namespace,
    name: o.metadata.name,
  };
}
