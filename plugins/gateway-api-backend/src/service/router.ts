import express from 'express';
import Router from 'express-promise-router';
import { GatewayApiCluster } from './clusters';

export interface RouterOptions {
  clusters: GatewayApiCluster[];
}

/** The REST API the frontend plugin reads. Nothing here ever returns a credential. */
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

  return router;
}
