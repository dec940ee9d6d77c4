import express from 'express';
import Router from 'express-promise-router';
import { InputError } from '@backstage/errors';
import { ExposureIndex } from '../exposures/ExposureIndex';
import { GatewayApiCluster } from './clusters';

export interface RouterOptions {
  clusters: GatewayApiCluster[];
  exposures: Pick<ExposureIndex, 'list'>;
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

  return router;
}
