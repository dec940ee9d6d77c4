import {
  analyzePlan,
  describeAnalysis,
  PlanAnalysis,
} from './analysis/analyzePlan';
import { loadClusterObjects } from './analysis/loadClusterObjects';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { KubernetesObject } from '../manifests';

/** Predicts what a plan does to the cluster and writes it to the task log. */
export async function reportAnalysis(
  ctx: { logger: { info(message: string): void } },
  client: ClusterClient,
  objects: KubernetesObject[],
): Promise<PlanAnalysis> {
  const analysis = analyzePlan(await loadClusterObjects(client), objects);
  ctx.logger.info(
    `Predicted by the attachment analysis:\n${describeAnalysis(analysis)}`,
  );
  return analysis;
}
