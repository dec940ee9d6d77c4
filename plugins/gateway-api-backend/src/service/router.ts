import express from 'express';
import Router from 'express-promise-router';
import { InputError } from '@backstage/errors';
import { ExposureIndex } from '../exposures/ExposureIndex';
import {
  HostnameCheck,
  TenantSummary,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { GatewayApiCluster } from './clusters';

export interface RouterOptions {
  clusters: GatewayApiCluster[];
  exposures: Pick<ExposureIndex, 'list'>;
  /** Every tenant the cache knows, for pickers. */
  tenants: () => TenantSummary[];
  /** The hostname guards, live, for the template's hostname field. */
  checkHostname: (request: {
    cluster: string;
    tenant: string;
    hostname: string;
  }) => Promise<HostnameCheck>;
}

const single = (value: unknown, name: string): string | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > 512) {
    throw new InputError(
      `Query parameter "${name}" must be given once, as text`,
    );
  }
  return value;
};

/** The REST API the frontend plugin reads. Nothing here ever returns a credential or a Secret. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const router = Router();
  router.use(express.json());

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/clusters', (_req, res) => {
    res.json({
      items: options.clusters.map(({ name, url }) => ({ name, url })),
    });
  });

  router.get('/exposures', (req, res) => {
    res.json(
      options.exposures.list({
        entityRef: single(req.query.entityRef, 'entityRef'),
        cluster: single(req.query.cluster, 'cluster'),
        tenant: single(req.query.tenant, 'tenant'),
      }),
    );
  });

  router.get('/tenants', (_req, res) => {
    res.json({ items: options.tenants() });
  });

  router.get('/hostname-check', async (req, res) => {
    const cluster = single(req.query.cluster, 'cluster');
    const tenant = single(req.query.tenant, 'tenant');
    const hostname = single(req.query.hostname, 'hostname');
    if (!cluster || !tenant || hostname === undefined) {
      throw new InputError('Give cluster, tenant and hostname');
    }
    res.json(await options.checkHostname({ cluster, tenant, hostname }));
  });

  return router;
}
