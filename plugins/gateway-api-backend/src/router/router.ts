import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ClusterList,
  ClusterProblem,
  ClusterServedKinds,
  gatewayApiRouteExposePermission,
  gatewayApiTenantProvisionPermission,
  HostnameCheck,
  tenantResourceRef,
  TenantDetail,
  TenantSummary,
  gatewayApiResourceRef,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import express from 'express';
import { ExposureIndex } from '../exposures/ExposureIndex';
import { HostnameIndex } from '../exposures/HostnameIndex';
import {
  IngressBlockers,
  ingressMigrationOverview,
} from '../ingress/migrationOverview';
import { GatewayApiCluster } from '../kubernetes/GatewayApiCluster';
import { createOpenApiRouter } from '../schema/openapi';
import { addHostnamesRoutes, HostnamesSource } from './hostnamesRouter';

export interface RouterOptions {
  clusters: GatewayApiCluster[];
  /** `hostnames` indexes every hostname once per change; without it, per list answer. */
  exposures: Pick<ExposureIndex, 'list'> &
    Partial<Pick<ExposureIndex, 'hostnames'>>;
  httpAuth: Pick<HttpAuthService, 'credentials'>;
  catalog: Pick<CatalogService, 'getEntityByRef'>;
  permissions: Pick<PermissionsService, 'authorize'>;
  /** Every tenant the cache knows. */
  tenants: () => TenantSummary[];
  /** One tenant with the Gateways that serve it, or undefined when there is no such tenant. */
  tenantDetail: (cluster: string, name: string) => TenantDetail | undefined;
  /** Clusters (and locators) whose objects are missing, with why and since when. */
  clusterProblems?: () => ClusterProblem[];
  /** What a cluster serves (discovery, cached), for `GET /clusters`. */
  servedKinds?: (cluster: string) => Promise<ClusterServedKinds | undefined>;
  /** The hostname guards on the cache, for the template's hostname field as the user types. */
  checkHostname: (request: {
    cluster: string;
    tenant: string;
    hostname: string;
  }) => Promise<HostnameCheck>;
  /** What blocks moving an Ingress to routes, for `GET /ingress-migration`. */
  ingressBlockers?: IngressBlockers;
  clock?: () => Date;
  /**
   * Also check every JSON answer against the spec (an answer that does not match it fails with
   * a 500): the tests turn it on, so an answer and its spec cannot part.
   */
  validateResponses?: boolean;
}

/**
 * The REST API the frontend plugin reads, as src/schema/openapi.yaml specifies it: the router
 * generated from the spec refuses (400) any request the spec does not allow before a handler
 * runs, so the handlers read parameters of the spec's types. Each `res.json` is type-checked
 * against the spec's schema of its answer (objects there are closed): a field added to a REST
 * type in common goes into the spec too, then `yarn build:openapi`. Every answer comes from the
 * cache, hostname checks included (the expose action runs the same guards on the clusters
 * before it writes). Nothing returns a credential or a Secret.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const router = await createOpenApiRouter(
    options.validateResponses
      ? { validatorOptions: { validateResponses: true } }
      : undefined,
  );
  const clock = options.clock ?? (() => new Date());

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // Each cluster and what it serves, so forms offer only what the chosen cluster can take; and
  // each one whose objects are missing, so pages can say so.
  router.get('/clusters', async (_req, res) => {
    const answer: ClusterList = {
      items: await Promise.all(
        options.clusters.map(async ({ name, url }) => {
          const apis = await options.servedKinds?.(name);
          return { name, url, ...(apis ? { apis } : {}) };
        }),
      ),
      problems: options.clusterProblems?.() ?? [],
    };
    res.json(answer);
  });

  // One entity's hostnames, for whoever may read that entity in the catalog.
  router.get('/exposure', async (req, res) => {
    const { entityRef } = req.query;
    const credentials = await options.httpAuth.credentials(req);
    const entity = await options.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity)
      throw new NotFoundError(`No entity ${entityRef} that you may read`);
    res.json(options.exposures.list({ entityRef: stringifyEntityRef(entity) }));
  });

  addHostnamesRoutes(router, {
    hostnames: options.exposures.hostnames
      ? () => options.exposures.hostnames!()
      : indexOfList(options.exposures),
    clock,
  });

  // Which hostnames of which tenants still run on Ingress, and what blocks each.
  router.get('/ingress-migration', (req, res) => {
    const all = options.exposures.list({ cluster: req.query.cluster });
    res.json(
      ingressMigrationOverview(all.items, {
        pendingClusters: all.pendingClusters,
        blockers: options.ingressBlockers,
        tenant: req.query.tenant,
      }),
    );
  });

  router.get('/hostnames/check', async (req, res) => {
    const { tenant, hostname } = req.query;
    const cluster =
      req.query.cluster ??
      options.tenants().find(t => t.name === tenant)?.cluster ??
      options.clusters[0]?.name ??
      '';
    res.json(await options.checkHostname({ cluster, tenant, hostname }));
  });

  // The tenants the caller may expose under; with scope=all, every tenant, for the platform.
  router.get('/tenants', async (req, res) => {
    const scope = req.query.scope ?? 'mine';
    const credentials = await options.httpAuth.credentials(req);
    const tenants = options.tenants();
    const canExpose = await exposeDecisions(
      options.permissions,
      credentials,
      tenants,
    );
    if (scope === 'all') {
      const [provision] = await options.permissions.authorize(
        [{ permission: gatewayApiTenantProvisionPermission }],
        { credentials },
      );
      if (provision.result === AuthorizeResult.ALLOW) {
        res.json({
          items: tenants.map((t, i) => ({ ...t, canExpose: canExpose[i] })),
        });
        return;
      }
    }
    res.json({
      items: tenants
        .map((t, i) => ({ ...t, canExpose: canExpose[i] }))
        .filter(t => t.canExpose),
    });
  });

  // A tenant's Gateways and listeners, for whoever may read the tenant's catalog entity.
  router.get('/tenants/:cluster/:name', async (req, res) => {
    const { cluster, name } = req.params;
    const credentials = await options.httpAuth.credentials(req);
    const entityRef = gatewayApiResourceRef(cluster, name);
    const detail = options.tenantDetail(cluster, name);
    const entity =
      detail &&
      (await options.catalog.getEntityByRef(entityRef, { credentials }));
    if (!detail || !entity) {
      throw new NotFoundError(
        `No tenant ${name} in cluster ${cluster} that you may read`,
      );
    }
    res.json(detail);
  });

  return router;
}

/** A hostname index over `list()`, rebuilt only when its answer changes. */
function indexOfList(exposures: Pick<ExposureIndex, 'list'>): HostnamesSource {
  let built: { items: unknown; index: HostnameIndex } | undefined;
  return () => {
    const { items, ...notes } = exposures.list();
    if (built?.items !== items)
      built = { items, index: new HostnameIndex(items) };
    return { ...notes, index: built.index };
  };
}

async function exposeDecisions(
  permissions: Pick<PermissionsService, 'authorize'>,
  credentials: BackstageCredentials,
  tenants: TenantSummary[],
): Promise<boolean[]> {
  if (tenants.length === 0) return [];
  const decisions = await permissions.authorize(
    tenants.map(t => ({
      permission: gatewayApiRouteExposePermission,
      resourceRef: tenantResourceRef(t.cluster, t.name),
    })),
    { credentials },
  );
  return decisions.map(d => d.result === AuthorizeResult.ALLOW);
}
