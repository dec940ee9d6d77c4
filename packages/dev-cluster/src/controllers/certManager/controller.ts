import { KubeClient } from '../kube/client';
import { ControllerRuntime, RuntimeOptions } from '../kube/controllerRuntime';
import { CertManagerSettings } from './model';
import { reconcileCertManager } from './reconcile';

export function certManagerController(
  client: KubeClient,
  settings: Omit<CertManagerSettings, 'now'>,
  stepDelayMs: number,
  runtime: RuntimeOptions,
) {
  return new ControllerRuntime(
    client,
    [
      'issuers',
      'clusterIssuers',
      'certificates',
      'certificateRequests',
      'orders',
      'challenges',
      'secrets',
      'gateways',
      'listenerSets',
      'services',
      'httpRoutes',
    ],
    // Pace the passes, so each step of an issuance is visible for a while.
    { ...runtime, minIntervalMs: stepDelayMs },
    snapshot => {
      const now = new Date();
      const { actions, failures, nextDueAt } = reconcileCertManager(snapshot, {
        ...settings,
        now,
      });
      return {
        actions,
        failures,
        // After a write, take the next step; otherwise wake up for the next
        // renewal, expiry or retry.
        requeueAfterMs: written => {
          if (written > 0) return stepDelayMs;
          return nextDueAt ? nextDueAt.getTime() - now.getTime() : undefined;
        },
      };
    },
  );
}
