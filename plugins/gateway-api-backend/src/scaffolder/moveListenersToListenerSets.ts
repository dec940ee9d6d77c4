import { InputError } from '@backstage/errors';
import { ClusterClient } from '../kubernetes/ClusterClient';
import {
  buildTenantObjects,
  exposureFieldManager,
  KubernetesObject,
  planListenerSetMigration,
  ServedGatewayApi,
  TenantSpec,
} from '../manifests';
import type { MigrationWrite } from '../manifests';
import { objectIdentity, PlanContext } from './plan';

const POLL_MS = 2_000;
/** How long one wait of the move may take: a new certificate is issued within it. */
const WAIT_SECONDS = 600;

type Condition = {
  type?: string;
  status?: string;
  reason?: string;
  observedGeneration?: number;
};
type WithStatus = {
  metadata?: { generation?: number };
  status?: {
    conditions?: Condition[];
    listeners?: Array<{ name?: string; conditions?: Condition[] }>;
  };
};

/** The object's condition of `type`, unless it describes an older generation. */
function condition(object: unknown, type: string): Condition | undefined {
  const o = object as WithStatus | undefined;
  const found = (o?.status?.conditions ?? []).find(c => c.type === type);
  if (
    found?.observedGeneration !== undefined &&
    o?.metadata?.generation !== undefined &&
    found.observedGeneration < o.metadata.generation
  ) {
    return undefined;
  }
  return found;
}

function conditionTrue(object: unknown, type: string): boolean {
  return condition(object, type)?.status === 'True';
}

/**
 * The Gateway admits the ListenerSet, whose listeners may all still be Conflicted with the
 * Gateway's own (a ListenerSet of only Conflicted listeners is not Accepted: ListenersNotValid).
 */
function admittedByGateway(set: unknown): boolean {
  const accepted = condition(set, 'Accepted');
  if (accepted?.status === 'True') return true;
  if (accepted?.reason !== 'ListenersNotValid') return false;
  const listeners = (set as WithStatus).status?.listeners ?? [];
  return (
    listeners.length > 0 &&
    listeners.every(l =>
      (l.conditions ?? []).some(
        c =>
          (c.type === 'Conflicted' && c.status === 'True') ||
          (c.type === 'Programmed' && c.status === 'True'),
      ),
    )
  );
}

/** Whether a route's status says it is Accepted through `parentRef`. */
function acceptedThrough(
  route: unknown,
  parentRef: Record<string, string>,
): boolean {
  const parents = ((route as { status?: { parents?: unknown[] } })?.status
    ?.parents ?? []) as Array<{
    parentRef?: Record<string, string>;
    conditions?: Condition[];
  }>;
  return parents.some(
    p =>
      p.parentRef?.kind === parentRef.kind &&
      p.parentRef?.name === parentRef.name &&
      (p.parentRef?.namespace ?? '') === (parentRef.namespace ?? '') &&
      p.parentRef?.sectionName === parentRef.sectionName &&
      (p.conditions ?? []).some(
        c => c.type === 'Accepted' && c.status === 'True',
      ),
  );
}

async function read(client: ClusterClient, object: KubernetesObject) {
  return client.get({
    apiVersion: object.apiVersion,
    kind: object.kind,
    namespace: object.metadata.namespace,
    name: object.metadata.name,
  });
}

/** Polls until every check holds; throws, naming what is not ready, when time runs out. */
async function waitFor(
  ctx: PlanContext,
  what: string,
  checks: Array<{ name: string; ready(): Promise<boolean> }>,
  whenLate: string,
): Promise<void> {
  const deadline = Date.now() + WAIT_SECONDS * 1000;
  ctx.logger.info(`Waiting until ${what}`);
  for (;;) {
    const pending: string[] = [];
    for (const check of checks) {
      if (!(await check.ready())) pending.push(check.name);
    }
    if (pending.length === 0) return;
    if (Date.now() >= deadline) {
      throw new Error(
        `${what}: still not after ${WAIT_SECONDS}s for ${pending.join(
          ', ',
        )}. ${whenLate}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, POLL_MS));
  }
}

async function writePhase(
  ctx: PlanContext,
  client: ClusterClient,
  phase: string,
  writes: MigrationWrite[],
  checkpointKey: string,
) {
  for (const write of writes) {
    const id = objectIdentity(write.object);
    await ctx.checkpoint({
      key: `${checkpointKey}:move:${phase}:${
        write.delete ? 'delete' : 'apply'
      }:${write.fieldManager ?? ''}:${id}`,
      fn: async () => {
        if (write.delete) {
          await client.delete({
            apiVersion: write.object.apiVersion,
            kind: write.object.kind,
            namespace: write.object.metadata.namespace,
            name: write.object.metadata.name,
          });
          ctx.logger.info(`Deleted ${id}`);
        } else {
          await client.apply(write.object, {
            fieldManager: write.fieldManager,
          });
          ctx.logger.info(`Applied ${id}`);
        }
      },
    });
  }
}

/** Routes in the tenant's namespaces, at the versions the cluster serves. */
async function tenantRoutes(
  client: ClusterClient,
  tenant: TenantSpec,
  served: ServedGatewayApi,
): Promise<KubernetesObject[]> {
  const kinds: Array<[string, string]> = [
    ['gateway.networking.k8s.io/v1', 'HTTPRoute'],
    ...(served.tlsRoute
      ? [[served.tlsRoute, 'TLSRoute'] as [string, string]]
      : []),
  ];
  const routes: KubernetesObject[] = [];
  for (const namespace of [tenant.namespace, ...tenant.attachedNamespaces]) {
    for (const [apiVersion, kind] of kinds) {
      routes.push(
        ...(await client.list<KubernetesObject>(apiVersion, kind, {
          namespace,
        })),
      );
    }
  }
  return routes;
}

/**
 * Moves the listeners of a tenant provisioned before its cluster served ListenerSet into
 * ListenerSets, in the order of planListenerSetMigration, so that each hostname is served
 * throughout. Does nothing in a dry run, for a dedicated tenant, where ListenerSet is not served,
 * or when no listener of the tenant is left on its Gateway.
 */
export async function moveListenersToListenerSets(
  ctx: PlanContext,
  client: ClusterClient,
  tenant: TenantSpec,
  served: ServedGatewayApi,
  options: { checkpointKey: string },
): Promise<void> {
  const listenerSetApi = served.listenerSet;
  if (ctx.isDryRun || !listenerSetApi || tenant.layout === 'dedicated') return;
  const gatewayRef =
    tenant.layout === 'tenant-shared'
      ? { namespace: tenant.namespace, name: tenant.names.gateway }
      : {
          namespace: tenant.sharedGateway!.namespace,
          name: tenant.sharedGateway!.name,
        };
  const gateway = await client.get<KubernetesObject>({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    ...gatewayRef,
  });
  if (!gateway) return;

  const provisioned = buildTenantObjects(tenant, served);
  const plan = planListenerSetMigration({
    tenant,
    served: { ...served, listenerSet: listenerSetApi },
    gateway,
    routes: await tenantRoutes(client, tenant, served),
    certificates:
      tenant.layout === 'cluster-shared'
        ? await client.list<KubernetesObject>(
            'cert-manager.io/v1',
            'Certificate',
            {
              namespace: gatewayRef.namespace,
            },
          )
        : [],
    provisioned,
    fieldManagerOf: exposureFieldManager,
  });
  if (!plan) return;
  if ('blockers' in plan) {
    throw new InputError(
      `Tenant ${tenant.name} moves its listeners from Gateway ${
        gatewayRef.namespace
      }/${
        gatewayRef.name
      } to ListenerSets, and routes Gatehouse did not write attach to them; nothing was changed. ${plan.blockers.join(
        '; ',
      )}`,
    );
  }
  ctx.logger.info(
    `Moving listeners ${plan.moved.join(', ')} of Gateway ${
      gatewayRef.namespace
    }/${gatewayRef.name} to ListenerSets in ${
      tenant.namespace
    }, keeping every hostname served`,
  );
  const key = options.checkpointKey;
  // The tenant's other objects first: its Namespace labels and, in the cluster-shared layout,
  // the Issuer the moved Certificates are issued from.
  await writePhase(
    ctx,
    client,
    'prepare',
    provisioned
      .filter(o => o.kind !== 'Gateway' && o.kind !== 'ListenerSet')
      .map(object => ({ object })),
    key,
  );
  await writePhase(ctx, client, 'add', plan.addListenerSets, key);
  const untouched =
    'The hostnames are still served by the Gateway; nothing was removed from it. Provision again to resume.';
  await waitFor(
    ctx,
    'the Gateway accepts the ListenerSets and the moved certificates are issued',
    [
      ...plan.listenerSets.map(set => ({
        name: objectIdentity(set),
        ready: async () => admittedByGateway(await read(client, set)),
      })),
      ...plan.certificates.map(certificate => ({
        name: objectIdentity(certificate),
        ready: async () =>
          conditionTrue(await read(client, certificate), 'Ready'),
      })),
    ],
    untouched,
  );
  await writePhase(ctx, client, 'remove', plan.removeGatewayListeners, key);
  await waitFor(
    ctx,
    'the ListenerSets are Programmed and every moved route is Accepted through them',
    [
      ...plan.listenerSets.map(set => ({
        name: objectIdentity(set),
        ready: async () => conditionTrue(await read(client, set), 'Programmed'),
      })),
      ...plan.routes.map(({ route, parentRef }) => ({
        name: objectIdentity(route),
        ready: async () =>
          acceptedThrough(await read(client, route), parentRef),
      })),
    ],
    'The routes still name both their old and their new listener; provision again to finish once the ListenerSets are Programmed.',
  );
  await writePhase(ctx, client, 'finish', plan.finishRoutes, key);
}
