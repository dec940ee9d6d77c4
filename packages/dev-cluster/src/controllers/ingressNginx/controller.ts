import { KubeClient } from '../kube/client';
import { ControllerRuntime, RuntimeOptions } from '../kube/controllerRuntime';
import { IngressNginxSettings, reconcileIngressNginx } from './reconcile';

/** The simulated ingress-nginx controller: publishes its address on the Ingresses of its classes. */
export function ingressNginxController(
  client: KubeClient,
  settings: IngressNginxSettings,
  runtime: RuntimeOptions,
) {
  return new ControllerRuntime(
    client,
    ['ingresses', 'ingressClasses'],
    runtime,
    snapshot => {
      const { updates, failures } = reconcileIngressNginx(snapshot, settings);
      return { actions: updates, failures };
    },
  );
}
