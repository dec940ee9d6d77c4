import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { TENANT_METADATA } from '@gatehouse/backstage-plugin-gateway-api-common';
import { z as zod } from 'zod/v3';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { KubernetesObject, TenantSpec } from '../manifests';
import { TENANT_METADATA_POLICY } from '../manifests/guardPolicies';
import { TenantRecord } from '../tenants/tenantFromNamespace';
import {
  stillLabelledAttached,
  tenantMetadataDrift,
} from '../tenants/tenantMetadataDrift';
import { loadWorld } from '../world/loadWorld';
import { authorizeProvision } from './authorizeProvision';
import { resolveClusterClient } from './clusters';
import { moveListenersToListenerSets } from './moveListenersToListenerSets';
import { parseInput } from './parseInput';
import { executePlan, objectIdentity, PlanContext } from './plan';
import {
  planTenantProvisioning,
  ProvisionTenantActionOptions,
  provisionTenantInput,
} from './provisionTenant';
import { examples } from './refreshTenants.examples';
import { changedFields } from './changedFields';

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export const refreshTenantsInput = (z: typeof zod) =>
  z.object({
    cluster: z
      .string({
        description: 'Cluster name; optional when only one is configured',
      })
      .optional(),
    tenant: z
      .string({
        description:
          'The tenant to refresh; every tenant of the cluster when omitted',
      })
      .regex(DNS_LABEL, 'a tenant name is a DNS label')
      .optional(),
  });

/** What the refresh did with one tenant. */
export interface TenantRefresh {
  tenant: string;
  /** `refreshed`: written (or, in a dry run, would be); `upToDate`: nothing to write. */
  outcome: 'refreshed' | 'upToDate' | 'skipped' | 'failed';
  /** Each changed field, as `<Kind>/<namespace>/<name>: <path> added|changed|removed`. */
  changes: string[];
  /** Why a tenant was skipped (nothing written) or failed (written in part). */
  reason?: string;
}

/**
 * The provisioning input a tenant was provisioned with, from its stored spec. Guard policies
 * are not installed: they are cluster-wide, installed with their own action and mode, and a
 * tenant's refresh must not change them.
 */
export function provisionInputFromSpec(spec: TenantSpec, cluster: string) {
  return {
    cluster,
    name: spec.name,
    domains: spec.domains,
    parentTenant: spec.parentTenant,
    ownerGroup: spec.ownerGroup,
    attachedNamespaces: spec.attachedNamespaces,
    layout: spec.layout,
    allowWildcards: spec.allowWildcards ?? false,
    certificates: spec.certificates,
    clientIp: spec.clientIp,
    serviceExposure: spec.serviceExposure,
    controllerName: spec.controllerName,
    envoyProxyNamespace: spec.names?.envoyProxyNamespace,
    gatewayClassName: spec.gatewayClassName,
    sharedGateway: spec.sharedGateway && {
      namespace: spec.sharedGateway.namespace,
      name: spec.sharedGateway.name,
      optInLabel: spec.sharedGateway.optInLabel,
    },
    installGuardPolicies: false,
    output: 'apply' as const,
  };
}

/** What the server keeps of its own on every object; never a difference of ours. */
function comparable(object: KubernetesObject | undefined) {
  if (!object) return undefined;
  const {
    resourceVersion: _rv,
    managedFields: _mf,
    generation: _g,
    creationTimestamp: _c,
    uid: _u,
    ...metadata
  } = object.metadata as Record<string, unknown>;
  const { status: _status, ...rest } = object as Record<string, unknown>;
  return { ...rest, metadata };
}

/**
 * The objects of a plan that would change the cluster, each with its changed fields: the API
 * server applies each with `dryRun=All` (server-side apply, the same field manager as the real
 * write), and the answer is compared with what the cluster holds now.
 */
async function changesOf(
  client: ClusterClient,
  objects: KubernetesObject[],
): Promise<Array<{ object: KubernetesObject; fields: string[] }>> {
  const changed: Array<{ object: KubernetesObject; fields: string[] }> = [];
  for (const object of objects) {
    const current = await client.get<KubernetesObject>({
      apiVersion: object.apiVersion,
      kind: object.kind,
      namespace: object.metadata.namespace,
      name: object.metadata.name,
    });
    const applied = await client.apply(object, { dryRun: true });
    const fields = current
      ? changedFields(comparable(current), comparable(applied))
      : ['created'];
    if (fields.length > 0) changed.push({ object, fields });
  }
  return changed;
}

/**
 * Why the cluster cannot vouch that a stored input is the platform's, or undefined if it can: a
 * tenant may patch its own namespace, and only the tenant-metadata guard policy, enforcing
 * (Deny), keeps it from rewriting its stored input (its domains, its attached namespaces) for a
 * refresh to apply with the platform's rights.
 */
async function storedInputUnguarded(
  client: ClusterClient,
): Promise<string | undefined> {
  const unguarded = `the guard policy ${TENANT_METADATA_POLICY}, which keeps the stored input of a tenant the platform's, is not enforcing (Deny) on cluster ${client.name}, so a tenant could have rewritten its own: install the guard policies in Deny mode, or provision the tenant again with its form`;
  try {
    const binding = await client.get<
      KubernetesObject & { spec?: { validationActions?: string[] } }
    >({
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicyBinding',
      name: TENANT_METADATA_POLICY,
    });
    return binding?.spec?.validationActions?.includes('Deny')
      ? undefined
      : unguarded;
  } catch {
    return unguarded;
  }
}

/** Why a tenant cannot be refreshed from what its namespace stores, or undefined if it can. */
function unrefreshable(
  tenant: TenantRecord,
  rawSpec: string | undefined,
): string | undefined {
  if (rawSpec === undefined) {
    return `its namespace ${tenant.namespace} has no ${TENANT_METADATA.spec} annotation, so what it was provisioned with is unknown (a namespace labelled by hand, or provisioned before Gatehouse kept it): provision it once with the tenant form`;
  }
  if (!tenant.spec) {
    return `the ${TENANT_METADATA.spec} annotation of its namespace ${tenant.namespace} is not a provisioning input Gatehouse can read (not JSON, or without a layout): provision it once with the tenant form`;
  }
  if (
    tenant.spec.name !== tenant.name ||
    tenant.spec.namespace !== tenant.namespace
  ) {
    return `the ${TENANT_METADATA.spec} annotation of its namespace ${tenant.namespace} describes tenant ${tenant.spec.name} in ${tenant.spec.namespace}, not this one: provision it once with the tenant form`;
  }
  return undefined;
}

/**
 * `gatewayApi:tenant:refresh`: provisions one tenant, or every tenant of a cluster, again from
 * the input stored on its namespace, so a tenant provisioned by an older Gatehouse gets the
 * metadata the guard policies trust today (a child's ancestor tenants, its attached namespaces'
 * attached-to label and domains). Only the objects that would change are written, so a second
 * refresh writes nothing; each tenant's changes are reported, and a tenant whose stored input is
 * missing or unreadable, or that provisioning would refuse today, is skipped with why.
 */
export function createRefreshTenantsAction(
  options: ProvisionTenantActionOptions,
) {
  return createTemplateAction({
    id: 'gatewayApi:tenant:refresh',
    description:
      'Provisions tenants again from the input stored on their namespaces, so tenants provisioned by an older Gatehouse carry the metadata the guard policies trust today; writes only what changed and reports it per tenant',
    examples,
    supportsDryRun: true,
    schema: {
      input: refreshTenantsInput,
      output: {
        tenants: z =>
          z
            .array(
              z.object({
                tenant: z.string(),
                outcome: z.enum(['refreshed', 'upToDate', 'skipped', 'failed']),
                changes: z.array(z.string()),
                reason: z.string().optional(),
              }),
            )
            .describe(
              'Per tenant: refreshed, up to date, skipped (nothing written) or failed, and why',
            ),
        summary: z => z.string(),
        report: z =>
          z
            .string()
            .describe('Markdown: each tenant, its outcome and its changes'),
      },
    },
    async handler(ctx) {
      const input = parseInput(refreshTenantsInput, ctx.input);
      const client = resolveClusterClient(
        options.clients,
        input.cluster,
        options.clusterProblem,
      );
      await authorizeProvision(
        options.permissions,
        ctx,
        'You may not refresh tenants: the gateway-api.tenant.provision permission is reserved for the platform team.',
      );

      const world = await loadWorld(options.clients);
      const clusterTenants = world.tenants.filter(
        t => t.cluster === client.name,
      );
      const tenants = clusterTenants
        .filter(t => !input.tenant || t.name === input.tenant)
        .sort((a, b) => a.name.localeCompare(b.name));
      if (input.tenant && tenants.length === 0) {
        throw new InputError(
          `Cluster ${client.name} has no tenant ${input.tenant}`,
        );
      }
      const namespaces = await client.list<KubernetesObject>('v1', 'Namespace');
      const unguarded = await storedInputUnguarded(client);

      const results: TenantRefresh[] = [];
      for (const tenant of tenants) {
        if (unguarded) {
          ctx.logger.warn(`Tenant ${tenant.name} skipped: ${unguarded}`);
          results.push({
            tenant: tenant.name,
            outcome: 'skipped',
            changes: [],
            reason: unguarded,
          });
          continue;
        }
        results.push(
          await refreshTenant(ctx, options, client, {
            tenant,
            world,
            clusterTenants,
            namespaces,
          }),
        );
      }

      const count = (outcome: TenantRefresh['outcome']) =>
        results.filter(r => r.outcome === outcome).length;
      const summary = `${ctx.isDryRun ? 'Would refresh' : 'Refreshed'} ${count(
        'refreshed',
      )}, ${count('upToDate')} up to date, ${count('skipped')} skipped, ${count(
        'failed',
      )} failed on cluster ${client.name}`;
      ctx.logger.info(summary);
      ctx.output('tenants', results);
      ctx.output('summary', summary);
      ctx.output('report', reportMarkdown(summary, results));
      const failed = results.filter(r => r.outcome === 'failed');
      if (failed.length > 0) {
        throw new Error(
          failed.map(r => `Tenant ${r.tenant}: ${r.reason}`).join('\n'),
        );
      }
    },
  });
}

const OUTCOME_TEXT: Record<TenantRefresh['outcome'], string> = {
  refreshed: 'refreshed',
  upToDate: 'up to date',
  skipped: 'skipped',
  failed: 'failed',
};

/** The template's report: a line per tenant, its changes or its reason beneath. */
function reportMarkdown(summary: string, results: TenantRefresh[]): string {
  const lines = [`${summary}.`, ''];
  for (const r of results) {
    lines.push(
      `- **${r.tenant}**: ${OUTCOME_TEXT[r.outcome]}${
        r.reason ? ` (${r.reason})` : ''
      }`,
    );
    for (const change of r.changes) lines.push(`  - \`${change}\``);
  }
  return lines.join('\n');
}

const messageOf = (error: unknown) =>
  error instanceof Error ? error.message : String(error);

async function refreshTenant(
  ctx: PlanContext & { logger: { warn(message: string): void } },
  options: ProvisionTenantActionOptions,
  client: ClusterClient,
  args: {
    tenant: TenantRecord;
    world: Awaited<ReturnType<typeof loadWorld>>;
    clusterTenants: TenantRecord[];
    namespaces: KubernetesObject[];
  },
): Promise<TenantRefresh> {
  const { tenant, world, namespaces } = args;
  const skipped = (reason: string): TenantRefresh => {
    ctx.logger.warn(`Tenant ${tenant.name} skipped: ${reason}`);
    return { tenant: tenant.name, outcome: 'skipped', changes: [], reason };
  };
  const own = namespaces.find(ns => ns.metadata?.name === tenant.namespace);
  const refusal = unrefreshable(
    tenant,
    own?.metadata?.annotations?.[TENANT_METADATA.spec],
  );
  if (refusal) return skipped(refusal);
  const spec = tenant.spec!;

  const stored = provisionTenantInput(zod).safeParse(
    provisionInputFromSpec(spec, client.name),
  );
  if (!stored.success) {
    return skipped(
      `its stored input is not one provisioning takes today: ${stored.error.issues
        .map(i => `${i.path.join('.') || 'input'}: ${i.message}`)
        .join('; ')}; provision it once with the tenant form`,
    );
  }
  const behind = tenantMetadataDrift(tenant, args.clusterTenants, namespaces);
  for (const difference of behind) {
    ctx.logger.info(`Tenant ${tenant.name} is behind: ${difference}`);
  }
  // Planned and judged by the API server (dry run) before anything is written: a refusal here
  // leaves the tenant as it is.
  let plan: Awaited<ReturnType<typeof planTenantProvisioning>>;
  let changed: Awaited<ReturnType<typeof changesOf>>;
  try {
    plan = await planTenantProvisioning(options, client, world, stored.data, {
      names: spec.names,
      // Namespaces still labelled attached to the tenant lose the label.
      alsoPreviouslyAttached: stillLabelledAttached(spec, namespaces),
    });
    changed = await changesOf(client, plan.objects);
  } catch (error) {
    return skipped(
      `provisioning refuses it today: ${messageOf(error)}; nothing was written`,
    );
  }
  for (const reason of plan.notWritten) ctx.logger.warn(reason);
  const changes = changed.flatMap(({ object, fields }) =>
    fields.map(field => `${objectIdentity(object)}: ${field}`),
  );
  if (changed.length === 0) {
    ctx.logger.info(`Tenant ${tenant.name} is up to date`);
    return { tenant: tenant.name, outcome: 'upToDate', changes: [] };
  }
  for (const change of changes) {
    ctx.logger.info(`Tenant ${tenant.name}: ${change}`);
  }
  if (ctx.isDryRun)
    return { tenant: tenant.name, outcome: 'refreshed', changes };
  try {
    const checkpointKey = `gatewayApi:tenant:refresh:${client.name}:${tenant.name}`;
    await moveListenersToListenerSets(ctx, client, plan.spec, plan.served, {
      checkpointKey,
    });
    // Only what changes: a tenant already up to date gets no write at all.
    await executePlan(
      ctx,
      client,
      changed.map(({ object }) => ({ object })),
      { output: 'apply', targetPath: '', checkpointKey },
    );
  } catch (error) {
    return {
      tenant: tenant.name,
      outcome: 'failed',
      changes,
      reason: `writing it failed part way: ${messageOf(
        error,
      )}; run the refresh again`,
    };
  }
  return { tenant: tenant.name, outcome: 'refreshed', changes };
}
