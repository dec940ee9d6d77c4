import { PermissionsService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { z as zod } from 'zod/v3';
import {
  tenantAncestors,
  tenantNamespace,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { checkTenant } from '../guards/tenantGuards';
import { ClusterClient } from '../kubernetes/ClusterClient';
import {
  buildTenantObjects,
  ENVOY_GATEWAY_CONTROLLER,
  GUARD_POLICY_MODES,
  guardPolicies,
  KubernetesObject,
  MANAGED_BY_LABELS,
  profileFor,
  TenantSpec,
} from '../manifests';
import { detachedNamespaceObjects } from '../manifests/metadata';
import {
  DEFAULT_GUARD_POLICY_SETTINGS,
  GuardPolicySettings,
  guardPolicyOptions,
} from './guardPolicySettings';
import { moveListenersToListenerSets } from './moveListenersToListenerSets';
import {
  servedGatewayApiFor,
  withoutUnsupportedRedirects,
} from './servedGatewayApi';
import { tenantDomains } from '../tenants/tenantDomains';
import { TenantRecord } from '../tenants/tenantFromNamespace';
import { loadWorld, World } from '../world/loadWorld';
import { authorizeProvision } from './authorizeProvision';
import { ClusterProblemLookup, resolveClusterClient } from './clusters';
import {
  refuseSharedGatewayClassChange,
  requireServedImplementationKinds,
} from './implementationKinds';
import { isIpOrCidr } from './ipAddresses';
import { parseInput } from './parseInput';
import { executePlan, planYaml } from './plan';
import { examples } from './provisionTenant.examples';
import { reportAnalysis } from './reportAnalysis';

export interface ProvisionTenantActionOptions {
  clients: ClusterClient[];
  /** Why a cluster cannot be used now; the action refuses it with that. */
  clusterProblem?: ClusterProblemLookup;
  permissions: PermissionsService;
  /** `gatewayApi.guardPolicies` of app-config; the defaults when absent. */
  guardPolicies?: GuardPolicySettings;
}

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN =
  /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** An IPv4 or IPv6 address or CIDR. */
const cidr = (z: typeof zod) =>
  z
    .string()
    .refine(
      value => isIpOrCidr(value),
      'an IP address or CIDR, like 192.0.2.0/24',
    );

/**
 * Addresses or CIDRs of the load balancers or proxies in front of the Gateway. An empty list is
 * none listed: the template's list field sends one when left empty.
 */
const trustedAddresses = (z: typeof zod) =>
  z
    .array(cidr(z), {
      description:
        'Addresses or CIDRs of the load balancers or proxies in front of the Gateway, whose client IP is trusted',
    })
    .max(64);

/** The input schema; parsed again in the handler, since the scaffolder validates without applying defaults. */
export const provisionTenantInput = (z: typeof zod) =>
  z.object({
    cluster: z
      .string({
        description: 'Cluster name; optional when only one is configured',
      })
      .optional(),
    name: z
      .string({
        description: 'Tenant name, a DNS label; its namespace is tenant-<name>',
      })
      .regex(
        DNS_LABEL,
        'a tenant name is a DNS label: lower-case letters, digits and dashes, at most 63',
      )
      .max(
        56,
        'a tenant name has at most 56 characters, so that tenant-<name> fits in 63',
      ),
    domains: z
      .array(z.string(), { description: 'DNS domains the tenant owns' })
      .min(1),
    parentTenant: z
      .string({
        description: 'Parent tenant, whose domains contain this one',
      })
      .optional(),
    ownerGroup: z
      .string({
        description:
          'Backstage group owning the tenant, e.g. group:default/team-a',
      })
      .regex(
        /^group:[a-z0-9._-]+\/[A-Za-z0-9._-]+$/i,
        'use a full group entity ref, like group:default/team-a',
      ),
    attachedNamespaces: z
      .array(z.string().regex(DNS_LABEL, 'a namespace is a DNS label'), {
        description:
          'Application namespaces allowed to attach routes to the tenant gateways',
      })
      .default([]),
    layout: z.enum(['dedicated', 'tenant-shared', 'cluster-shared'], {
      description: 'Gateway layout',
    }),
    allowWildcards: z
      .boolean({
        description:
          'Whether the tenant may expose wildcard hostnames (*.app.team-a.example.org); a terminated wildcard needs a certificate issuer other than ACME HTTP-01',
      })
      .default(false),
    certificates: z
      .discriminatedUnion('type', [
        z.object({
          type: z.literal('acme-http01'),
          server: z.enum(['staging', 'production']).default('staging'),
          email: z.string().email(),
        }),
        z.object({
          type: z.literal('acme-dns01'),
          server: z.enum(['staging', 'production']).default('staging'),
          email: z.string().email(),
          solver: z.record(z.unknown()),
        }),
        z.object({ type: z.literal('self-signed') }),
        z.object({
          type: z.literal('cluster-issuer'),
          name: z.string().min(1),
        }),
        z.object({
          type: z.literal('acme-http01-cluster-issuer'),
          name: z
            .string({
              description:
                'Name of the ClusterIssuer to create, solving ACME HTTP-01 through the cluster-shared Gateway (cluster-shared layout only)',
            })
            .regex(DNS_LABEL, 'a ClusterIssuer name here is a DNS label'),
          server: z.enum(['staging', 'production']).default('staging'),
          email: z.string().email(),
        }),
      ])
      .default({ type: 'self-signed' }),
    clientIp: z
      .discriminatedUnion('mode', [
        z.object({ mode: z.literal('none') }),
        z.object({
          mode: z.literal('proxy-protocol'),
          trustedAddresses: trustedAddresses(z).optional(),
        }),
        z.object({
          mode: z.literal('x-forwarded-for'),
          numTrustedHops: z.number().int().min(1).max(10).optional(),
          trustedAddresses: trustedAddresses(z).optional(),
        }),
        z.object({
          mode: z.literal('custom-header'),
          header: z.string().regex(/^[A-Za-z0-9-]+$/, 'an HTTP header name'),
          failClosed: z.boolean().optional(),
        }),
      ])
      .default({ mode: 'none' }),
    serviceExposure: z
      .discriminatedUnion('type', [
        z.object({
          type: z.literal('LoadBalancer'),
          ipPool: z
            .array(cidr(z), {
              description:
                "CIDRs of the tenant's own load-balancer IP pool (Cilium LB-IPAM, tenant-shared layout)",
            })
            .max(16)
            .optional(),
        }),
        z.object({
          type: z.literal('ClusterIP'),
          externalIPs: z.array(z.string().ip()).min(1).max(16),
        }),
      ])
      .default({ type: 'LoadBalancer' }),
    controllerName: z
      .string({
        description:
          'GatewayClass controller, which chooses the implementation: Envoy Gateway (default), NGINX Gateway Fabric or Cilium',
      })
      .default(ENVOY_GATEWAY_CONTROLLER),
    envoyProxyNamespace: z
      .string({
        description:
          "Namespace of a dedicated tenant's EnvoyProxy: Envoy Gateway's own",
      })
      .default('envoy-gateway-system'),
    gatewayClassName: z
      .string({
        description:
          "The platform's GatewayClass for tenant-shared and cluster-shared Gateways; the implementation's default (eg, nginx, cilium) when omitted",
      })
      .regex(DNS_SUBDOMAIN, 'a GatewayClass name is a DNS subdomain')
      .optional(),
    sharedGateway: z
      .object({
        namespace: z.string().regex(DNS_LABEL).optional(),
        name: z.string().regex(DNS_SUBDOMAIN).optional(),
        optInLabel: z
          .object({ key: z.string(), value: z.string() })
          .default({ key: 'shared-gateway-access', value: 'true' }),
      })
      .default({}),
    installGuardPolicies: z
      .boolean({
        description:
          "Install (or update) the guard ValidatingAdmissionPolicies with the tenant, so no tenant can take another tenant's hostnames; on by default",
      })
      .default(true),
    guardPolicyMode: z
      .enum(GUARD_POLICY_MODES as ['Deny', 'Warn', 'Audit'], {
        description:
          'What the guard policies do with a refused request: Deny refuses it, Warn lets it through with a warning, Audit only records it; the platform default (gatewayApi.guardPolicies.validationAction, else Deny) when omitted',
      })
      .optional(),
    output: z.enum(['apply', 'files']).default('apply'),
    targetPath: z.string().default('manifests'),
  });

/**
 * The namespaces the guard policies leave to the platform: those of the cluster-shared Gateways
 * the cluster's tenants use, this tenant's included. Each provisioning installs the policies
 * anew, so one tenant on another implementation's shared Gateway must not drop the others'.
 */
function platformNamespaces(
  tenants: TenantRecord[],
  cluster: string,
  tenant: TenantSpec,
): string[] {
  const shared = tenants
    .filter(
      t =>
        t.cluster === cluster &&
        t.name !== tenant.name &&
        t.spec?.layout === 'cluster-shared',
    )
    .map(t => t.spec?.sharedGateway?.namespace);
  const own =
    tenant.layout === 'cluster-shared' || shared.length === 0
      ? [tenant.sharedGateway?.namespace]
      : [];
  return [
    ...new Set([...own, ...shared].filter((ns): ns is string => Boolean(ns))),
  ].sort();
}

/**
 * A ClusterIssuer is cluster-wide: creating one must never take over an issuer the platform (or
 * anyone else) made by hand. Refused unless absent or already Gatehouse's.
 */
async function refuseForeignClusterIssuer(
  client: ClusterClient,
  spec: TenantSpec,
): Promise<void> {
  if (spec.certificates.type !== 'acme-http01-cluster-issuer') return;
  const name = spec.certificates.name;
  const existing = (await client.get({
    apiVersion: 'cert-manager.io/v1',
    kind: 'ClusterIssuer',
    name,
  })) as { metadata?: { labels?: Record<string, string> } } | undefined;
  const managed = Object.entries(MANAGED_BY_LABELS).every(
    ([key, value]) => existing?.metadata?.labels?.[key] === value,
  );
  if (existing && !managed) {
    throw new InputError(
      `ClusterIssuer ${name} already exists and was not created by Gatehouse; pick another name, or choose "An existing ClusterIssuer" to use it as it is`,
    );
  }
}

/** The provisioning input, with its defaults applied. */
export type ProvisionTenantInput = zod.output<
  ReturnType<typeof provisionTenantInput>
>;

/** What provisioning one tenant writes, before it is written. */
export interface TenantProvisioningPlan {
  namespace: string;
  spec: TenantSpec;
  served: Awaited<ReturnType<typeof servedGatewayApiFor>>;
  objects: KubernetesObject[];
  /** What was left out and why. */
  notWritten: string[];
}

/**
 * Every object provisioning writes for a tenant from its input, after the tenant guards and the
 * refusals that protect what others own; shared by provisioning and the refresh of a tenant
 * from its stored spec, so both write the same objects. For a refresh, `stored.names` keeps the
 * names the tenant's objects already have (an older Gatehouse named them otherwise), and
 * `stored.alsoPreviouslyAttached` lists namespaces still labelled attached to the tenant that
 * its namespace no longer lists.
 */
export async function planTenantProvisioning(
  options: Pick<ProvisionTenantActionOptions, 'guardPolicies'>,
  client: ClusterClient,
  world: World,
  input: ProvisionTenantInput,
  stored: {
    names?: TenantSpec['names'];
    alsoPreviouslyAttached?: string[];
  } = {},
): Promise<TenantProvisioningPlan> {
  const namespace = tenantNamespace({ name: input.name });
  const verdict = checkTenant(
    {
      cluster: client.name,
      name: input.name,
      namespace,
      domains: input.domains,
      parentTenant: input.parentTenant,
      attachedNamespaces: input.attachedNamespaces,
    },
    world,
  );
  if (!verdict.ok) throw new InputError(verdict.reason);

  const profile = profileFor(input.controllerName);
  const gatewayClassName =
    input.gatewayClassName ?? profile.defaults.gatewayClassName;
  const sharedGatewayRef = {
    namespace:
      input.sharedGateway.namespace ?? profile.defaults.sharedGateway.namespace,
    name: input.sharedGateway.name ?? profile.defaults.sharedGateway.name,
  };
  const spec: TenantSpec = {
    name: input.name,
    namespace,
    domains: verdict.domains,
    parentTenant: input.parentTenant,
    ...(input.parentTenant
      ? {
          // The whole chain, for the guard policies; provisioning again rewrites it.
          ancestorTenants: tenantAncestors(
            { name: input.name, parent: input.parentTenant },
            tenantDomains(world.tenants.filter(t => t.cluster === client.name)),
          ),
        }
      : {}),
    ownerGroup: input.ownerGroup,
    attachedNamespaces: verdict.attachedNamespaces,
    layout: input.layout,
    ...(input.allowWildcards ? { allowWildcards: true } : {}),
    certificates: input.certificates as TenantSpec['certificates'],
    clientIp: input.clientIp,
    serviceExposure: input.serviceExposure,
    controllerName: input.controllerName,
    gatewayClassName,
    names: stored.names ?? {
      gateway: input.name,
      issuer: input.name,
      envoyProxyNamespace: input.envoyProxyNamespace,
    },
    sharedGateway: {
      ...sharedGatewayRef,
      optInLabel: input.sharedGateway.optInLabel,
      gatewayClassName,
    },
  };
  await refuseForeignClusterIssuer(client, spec);
  if (spec.layout === 'cluster-shared' && spec.sharedGateway) {
    await refuseSharedGatewayClassChange(client, spec.sharedGateway);
  }
  const served = await servedGatewayApiFor(client, spec);
  const settings = options.guardPolicies ?? DEFAULT_GUARD_POLICY_SETTINGS;
  const tenantObjects = await withoutUnsupportedRedirects(
    client,
    spec,
    buildTenantObjects(spec, served),
  );
  const provisioned = world.tenants.find(
    t => t.cluster === client.name && t.name === input.name,
  );
  const objects = [
    ...tenantObjects.objects,
    ...detachedNamespaceObjects(spec, [
      ...new Set([
        ...(provisioned?.attachedNamespaces ?? []),
        ...(stored.alsoPreviouslyAttached ?? []),
      ]),
    ]),
    // After the tenant: the policies then judge every later write, this tenant's included.
    ...(input.installGuardPolicies
      ? guardPolicies(
          guardPolicyOptions(
            settings,
            input.guardPolicyMode,
            platformNamespaces(world.tenants, client.name, spec),
            await client.username(),
          ),
        )
      : []),
  ];
  await requireServedImplementationKinds(client, objects);
  return {
    namespace,
    spec,
    served,
    objects,
    notWritten: tenantObjects.notWritten,
  };
}

/**
 * `gatewayApi:tenant:provision`: creates or updates every object of a tenant's gateway layout in
 * the shapes its cluster serves, after the tenant guards, and installs the guard
 * ValidatingAdmissionPolicies. A tenant provisioned before its cluster served ListenerSet moves
 * to ListenerSets without a moment in which a hostname is not served
 * (moveListenersToListenerSets).
 */
export function createProvisionTenantAction(
  options: ProvisionTenantActionOptions,
) {
  return createTemplateAction({
    id: 'gatewayApi:tenant:provision',
    description:
      "Provisions a tenant's gateways (dedicated, tenant-shared or cluster-shared layout), its listeners (in ListenerSets where the cluster serves them), its certificate issuer and client-IP policy, and the guard admission policies",
    examples,
    supportsDryRun: true,
    schema: {
      input: provisionTenantInput,
      output: {
        tenantNamespace: z => z.string(),
        objects: z => z.array(z.string()),
        manifests: z => z.string(),
        notWritten: z =>
          z
            .array(z.string())
            .describe(
              'What was left out and why: a redirect route the GatewayClass cannot serve',
            ),
      },
    },
    async handler(ctx) {
      const input = parseInput(provisionTenantInput, ctx.input);
      const client = resolveClusterClient(
        options.clients,
        input.cluster,
        options.clusterProblem,
      );

      await authorizeProvision(
        options.permissions,
        ctx,
        'You may not provision tenants: the gateway-api.tenant.provision permission is reserved for the platform team.',
      );

      const world = await loadWorld(options.clients);
      const { namespace, spec, served, objects, notWritten } =
        await planTenantProvisioning(options, client, world, input);
      for (const reason of notWritten) ctx.logger.warn(reason);
      const plan = objects.map(object => ({ object }));
      const manifests = planYaml(plan);
      ctx.logger.info(`Planned objects:\n${manifests}`);
      if (ctx.isDryRun) await reportAnalysis(ctx, client, objects);
      const checkpointKey = `gatewayApi:tenant:provision:${client.name}:${input.name}`;
      if (input.output === 'apply') {
        await moveListenersToListenerSets(ctx, client, spec, served, {
          checkpointKey,
        });
      }
      await executePlan(ctx, client, plan, {
        output: input.output,
        targetPath: input.targetPath,
        checkpointKey,
      });
      ctx.output('tenantNamespace', namespace);
      ctx.output(
        'objects',
        objects.map(
          o => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`,
        ),
      );
      ctx.output('manifests', manifests);
      ctx.output('notWritten', notWritten);
    },
  });
}
