import { PermissionsService } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { z as zod } from 'zod/v3';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { GUARD_POLICY_MODES, guardPolicies } from '../manifests';
import { authorizeProvision } from './authorizeProvision';
import { ClusterProblemLookup, resolveClusterClient } from './clusters';
import {
  DEFAULT_GUARD_POLICY_SETTINGS,
  GuardPolicySettings,
  guardPolicyOptions,
} from './guardPolicySettings';
import { examples } from './installGuardPolicies.examples';
import { parseInput } from './parseInput';
import { executePlan, planYaml } from './plan';

export interface InstallGuardPoliciesActionOptions {
  clients: ClusterClient[];
  /** Why a cluster cannot be used now; the action refuses it with that. */
  clusterProblem?: ClusterProblemLookup;
  permissions: PermissionsService;
  /** `gatewayApi.guardPolicies` of app-config; the defaults when absent. */
  guardPolicies?: GuardPolicySettings;
}

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export const installGuardPoliciesInput = (z: typeof zod) =>
  z.object({
    cluster: z
      .string({
        description: 'Cluster name; optional when only one is configured',
      })
      .optional(),
    validationAction: z
      .enum(GUARD_POLICY_MODES as ['Deny', 'Warn', 'Audit'], {
        description:
          'What the policies do with a refused request: Deny refuses it, Warn lets it through with a warning, Audit only records it; the platform default (gatewayApi.guardPolicies.validationAction, else Deny) when omitted',
      })
      .optional(),
    platformNamespaces: z
      .array(z.string().regex(DNS_LABEL, 'a namespace is a DNS label'), {
        description:
          "The platform's namespaces, where the shared Gateway, its redirect and cert-manager's challenge routes live; exempt from the route, listener and certificate checks",
      })
      .default(['gateway']),
    output: z.enum(['apply', 'files']).default('apply'),
    targetPath: z.string().default('manifests'),
  });

/**
 * `gatewayApi:guardPolicies:install`: installs or updates the guard ValidatingAdmissionPolicies
 * and their bindings in a cluster, once for all its tenants (provisioning a tenant installs them
 * too). Idempotent: server-side apply under Gatehouse's field manager.
 */
export function createInstallGuardPoliciesAction(
  options: InstallGuardPoliciesActionOptions,
) {
  return createTemplateAction({
    id: 'gatewayApi:guardPolicies:install',
    description:
      "Installs the guard admission policies that keep each tenant to its own hostnames: listeners, routes and certificates inside the tenant's domains, tenant labels and domains written only by the platform",
    examples,
    supportsDryRun: true,
    schema: {
      input: installGuardPoliciesInput,
      output: {
        objects: z => z.array(z.string()),
        manifests: z => z.string(),
      },
    },
    async handler(ctx) {
      const input = parseInput(installGuardPoliciesInput, ctx.input);
      const client = resolveClusterClient(
        options.clients,
        input.cluster,
        options.clusterProblem,
      );

      await authorizeProvision(
        options.permissions,
        ctx,
        "You may not install the guard policies: they are the platform team's, with the gateway-api.tenant.provision permission.",
      );

      const settings = options.guardPolicies ?? DEFAULT_GUARD_POLICY_SETTINGS;
      const self = await client.username();
      if (settings.platformUsers.length === 0 && !self) {
        ctx.logger.info(
          `No platform user is configured (gatewayApi.guardPolicies.platformUsers): once installed, only the groups ${settings.platformGroups.join(
            ', ',
          )} may create tenants or change their domains`,
        );
      }
      const objects = guardPolicies(
        guardPolicyOptions(
          settings,
          input.validationAction,
          input.platformNamespaces,
          self,
        ),
      );
      const plan = objects.map(object => ({ object }));
      const manifests = planYaml(plan);
      ctx.logger.info(`Planned objects:\n${manifests}`);
      await executePlan(ctx, client, plan, {
        output: input.output,
        targetPath: input.targetPath,
        checkpointKey: `gatewayApi:guardPolicies:install:${client.name}`,
      });
      ctx.output(
        'objects',
        objects.map(o => `${o.kind}/${o.metadata.name}`),
      );
      ctx.output('manifests', manifests);
    },
  });
}
