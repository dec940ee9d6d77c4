import { certManagerController } from './certManager/controller';
import { parseDuration } from './durations';
import { gatewayApiController } from './gateway/controller';
import {
  envoyGatewayPolicyController,
  nginxGatewayFabricPolicyController,
} from './gateway/policyController';
import { ingressNginxController } from './ingressNginx/controller';
import { isValidAddress } from './ingressNginx/reconcile';
import { KubeClient } from './kube/client';
import { ControllerOptions, defaults } from './options';

export type {
  CertManagerControllerOptions,
  ControllerLogger,
  ControllerOptions,
  GatewayApiControllerOptions,
  IngressNginxControllerOptions,
} from './options';

export interface RunningControllers {
  stop(): Promise<void>;
}

/**
 * Starts the simulated controllers against the dev cluster's API: Envoy
 * Gateway's Gateway API controller, cert-manager and ingress-nginx. Each is
 * an ordinary API client (list, watch, write status).
 */
export async function startControllers(
  options: ControllerOptions,
): Promise<RunningControllers> {
  const client = new KubeClient(options.url.replace(/\/$/, ''), options.token);
  const runtime = {
    debounceMs: options.debounceMs ?? defaults.debounceMs,
    retryDelayMs: options.retryDelayMs ?? defaults.retryDelayMs,
    logger: options.logger ?? console,
  };
  const gatewayApi = { ...defaults.gatewayApi, ...options.gatewayApi };
  const certManager = { ...defaults.certManager, ...options.certManager };
  const ingressNginx = { ...defaults.ingressNginx, ...options.ingressNginx };
  if (ingressNginx.enabled && !isValidAddress(ingressNginx.address)) {
    throw new Error(
      `ingressNginx.address must be an IPv4 or IPv6 address or a DNS name, got "${ingressNginx.address}"`,
    );
  }
  const controllers: { start(): void; stop(): Promise<void> }[] = [];
  if (gatewayApi.enabled) {
    controllers.push(gatewayApiController(client, gatewayApi, runtime));
    controllers.push(envoyGatewayPolicyController(client, gatewayApi, runtime));
    controllers.push(
      nginxGatewayFabricPolicyController(client, gatewayApi, runtime),
    );
  }
  if (certManager.enabled) {
    controllers.push(
      certManagerController(
        client,
        {
          clusterResourceNamespace: certManager.clusterResourceNamespace,
          defaultLifetimeMs: requireDuration(
            'certificateLifetime',
            certManager.certificateLifetime,
          ),
          expiringSoonLifetimeMs: requireDuration(
            'expiringSoonLifetime',
            certManager.expiringSoonLifetime,
          ),
          expiringSoonSuffixes: certManager.expiringSoonSuffixes,
          failHttp01Suffixes: certManager.failHttp01Suffixes,
          failDns01Suffixes: certManager.failDns01Suffixes,
          retryAfterFailureMs: requireDuration(
            'retryAfterFailure',
            certManager.retryAfterFailure,
          ),
        },
        certManager.stepDelayMs,
        runtime,
      ),
    );
  }
  if (ingressNginx.enabled) {
    controllers.push(
      ingressNginxController(
        client,
        {
          controllerName: ingressNginx.controllerName,
          address: ingressNginx.address,
        },
        runtime,
      ),
    );
  }
  controllers.forEach(c => c.start());
  return {
    stop: async () => {
      await Promise.all(controllers.map(c => c.stop()));
    },
  };
}

function requireDuration(option: string, value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined) {
    throw new Error(
      `certManager.${option} must be a duration like "72h", got "${value}"`,
    );
  }
  return ms;
}
