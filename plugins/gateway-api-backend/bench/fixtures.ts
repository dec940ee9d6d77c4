/* eslint-disable no-console */
/**
 * Benchmark clusters: dev clusters seeded (in-process, validated like any write) with tenants,
 * Gateways, HTTPRoutes and Certificates at a given size.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { KubernetesObject } from '@kubernetes/client-node';
import { DevCluster, startDevCluster } from '@gatehouse/dev-cluster';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { ClusterSnapshot, GatewayApiCache } from '../src/cache/GatewayApiCache';
import { ExposureIndex } from '../src/exposures/ExposureIndex';
import { createRouter } from '../src/router/router';

export interface BenchSize {
  tenants: number;
  gateways: number;
  routes: number;
  certificates: number;
}

/** Whether `BENCH_SIZE=full` asks for the platform-scale size. */
export const FULL = process.env.BENCH_SIZE === 'full';

/**
 * Per cluster: small enough for CI on two shared cores; `BENCH_SIZE=full` gives the platform
 * scale (10 clusters of it: about 200k objects).
 */
export const SIZE: BenchSize = FULL
  ? { tenants: 100, gateways: 500, routes: 10_000, certificates: 10_000 }
  : { tenants: 10, gateways: 20, routes: 500, certificates: 500 };

/** How many clusters the ingest and exposure benches read at their size. */
export const CLUSTERS = FULL ? 10 : 3;

/** The component every cluster exposes on `ENTITY_HOSTNAMES` hostnames. */
export const ENTITY_ID = 'bench-entity';
export const ENTITY_HOSTNAMES = 20;

function objects(size: BenchSize, entityHostnames: number): object[] {
  const out: object[] = [];
  for (let t = 0; t < size.tenants; t++) {
    out.push(
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name: `tenant-t${t}`,
          labels: { 'gateway-api.gatehouse.dev/tenant': `t${t}` },
          annotations: {
            'gateway-api.gatehouse.dev/owner-group': `group:default/t${t}`,
            'gateway-api.gatehouse.dev/domains': `t${t}.example.org`,
            'gateway-api.gatehouse.dev/attached-namespaces': `apps-t${t}`,
          },
        },
      },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: `apps-t${t}` } },
    );
  }
  for (let g = 0; g < size.gateways; g++) {
    const t = g % size.tenants;
    out.push({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: `gw-${g}`, namespace: `tenant-t${t}` },
      spec: {
        gatewayClassName: 'eg',
        listeners: [
          {
            name: 'https',
            port: 443,
            protocol: 'HTTPS',
            hostname: `*.g${g}.t${t}.example.org`,
            tls: { certificateRefs: [{ name: `cert-${g}` }] },
            allowedRoutes: { namespaces: { from: 'All' } },
          },
        ],
      },
    });
  }
  for (let r = 0; r < size.routes; r++) {
    const g = r % size.gateways;
    const t = g % size.tenants;
    const forEntity = r < entityHostnames;
    out.push({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: {
        name: `route-${r}`,
        namespace: `apps-t${t}`,
        labels: {
          'backstage.io/kubernetes-id': forEntity ? ENTITY_ID : `c${r % 50}`,
        },
      },
      spec: {
        parentRefs: [{ name: `gw-${g}`, namespace: `tenant-t${t}` }],
        hostnames: [`r${r}.g${g}.t${t}.example.org`],
        rules: [{ backendRefs: [{ name: 'web', port: 80 }] }],
      },
    });
  }
  for (let c = 0; c < size.certificates; c++) {
    const g = c % size.gateways;
    const t = g % size.tenants;
    out.push({
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: `cert-${c}`, namespace: `tenant-t${t}` },
      spec: {
        secretName: `cert-${c}`,
        dnsNames: [`c${c}.g${g}.t${t}.example.org`],
        issuerRef: { name: 'letsencrypt', kind: 'Issuer' },
      },
    });
  }
  return out;
}

/**
 * Starts `count` dev clusters seeded at `size`, without controllers (no status churn). The
 * first cluster serves the bench entity's `ENTITY_HOSTNAMES` hostnames (unless
 * `entityInFirst` is false); the others none.
 */
export async function startBenchClusters(
  count: number,
  size: BenchSize,
  options: { entityInFirst?: boolean } = {},
): Promise<DevCluster[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-bench-'));
  const files = [ENTITY_HOSTNAMES, 0].map((hostnames, i) => {
    const file = path.join(dir, `objects-${i}.yaml`);
    fs.writeFileSync(
      file,
      objects(size, hostnames)
        .map(o => `---\n${stringify(o)}`)
        .join(''),
    );
    return file;
  });
  const clusters: DevCluster[] = [];
  for (let i = 0; i < count; i++) {
    clusters.push(
      await startDevCluster({
        seed: [files[i === 0 && options.entityInFirst !== false ? 0 : 1]],
        controllers: false,
      }),
    );
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return clusters;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

export const ms = (n: number) => `${n.toFixed(1)} ms`;

/** A logger that keeps quiet, outside jest (mockServices needs jest). */
export const quietLogger: LoggerService = {
  info: () => {},
  warn: () => {},
  error: () => {},
  debug: () => {},
  child: () => quietLogger,
};

/**
 * One cluster's objects in memory, as the cache holds them: `tenants` tenants, a Gateway and
 * its Certificate per 100 hostnames, and one HTTPRoute per hostname (`r<i>.g<g>.t<t>.example.org`).
 */
export function hostnameSnapshot(
  cluster: string,
  hostnames: number,
  options: { tenants?: number; now?: Date } = {},
): ClusterSnapshot {
  const tenants = options.tenants ?? 10;
  const now = options.now ?? new Date('2026-06-01T00:00:00Z');
  const day = 24 * 60 * 60 * 1000;
  const namespaces: KubernetesObject[] = [];
  const gateways: KubernetesObject[] = [];
  const certificates: KubernetesObject[] = [];
  const routes: KubernetesObject[] = [];
  for (let t = 0; t < tenants; t++) {
    namespaces.push(
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name: `tenant-t${t}`,
          labels: { 'gateway-api.gatehouse.dev/tenant': `t${t}` },
          annotations: {
            'gateway-api.gatehouse.dev/owner-group': `group:default/t${t}`,
            'gateway-api.gatehouse.dev/domains': `t${t}.example.org`,
            'gateway-api.gatehouse.dev/attached-namespaces': `apps-t${t}`,
          },
        },
      },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: `apps-t${t}` } },
    );
  }
  const gatewayCount = Math.max(tenants, Math.ceil(hostnames / 100));
  for (let g = 0; g < gatewayCount; g++) {
    const t = g % tenants;
    gateways.push({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: `gw-${g}`, namespace: `tenant-t${t}` },
      spec: {
        gatewayClassName: 'eg',
        listeners: [
          {
            name: 'https',
            port: 443,
            protocol: 'HTTPS',
            hostname: `*.g${g}.t${t}.example.org`,
            tls: { certificateRefs: [{ name: `cert-${g}` }] },
            allowedRoutes: { namespaces: { from: 'All' } },
          },
        ],
      },
    } as KubernetesObject);
    const notAfter = new Date(now.getTime() + (((g * 37) % 120) - 10) * day);
    certificates.push({
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: `cert-${g}`, namespace: `tenant-t${t}` },
      spec: {
        secretName: `cert-${g}`,
        dnsNames: [`*.g${g}.t${t}.example.org`],
        issuerRef: { name: 'letsencrypt', kind: 'Issuer' },
      },
      status: {
        notAfter: notAfter.toISOString(),
        conditions: [{ type: 'Ready', status: g % 7 === 0 ? 'False' : 'True' }],
      },
    } as KubernetesObject);
  }
  for (let r = 0; r < hostnames; r++) {
    const g = r % gatewayCount;
    const t = g % tenants;
    routes.push({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: {
        name: `route-${r}`,
        namespace: `apps-t${t}`,
        labels: { 'backstage.io/kubernetes-id': `c${r % 50}` },
      },
      spec: {
        parentRefs: [{ name: `gw-${g}`, namespace: `tenant-t${t}` }],
        hostnames: [`r${r}.g${g}.t${t}.example.org`],
        rules: [{ backendRefs: [{ name: 'web', port: 80 }] }],
      },
    } as KubernetesObject);
  }
  return {
    cluster,
    byKind: new Map([
      ['Namespace', namespaces],
      ['Gateway', gateways],
      ['Certificate', certificates],
      ['HTTPRoute', routes],
    ]),
  };
}

/**
 * A cache that has synced `clusters` in-memory clusters of `hostnames` hostnames in all (no
 * cluster, no watch): what the provider, the index and the router read.
 */
export function snapshotCache(
  clusters: number,
  hostnames: number,
  options: { tenants?: number; now?: Date } = {},
): GatewayApiCache {
  const snapshots = Array.from({ length: clusters }, (_, i) =>
    hostnameSnapshot(`bench-${i}`, Math.round(hostnames / clusters), options),
  );
  const byName = new Map(snapshots.map(s => [s.cluster, s]));
  return {
    clusters: snapshots.map(s => s.cluster),
    snapshot: (cluster: string) => byName.get(cluster)!,
    hasSynced: () => true,
    start: () => {},
    stop: () => {},
    subscribe: () => () => {},
    waitForSync: async () => {},
  } as unknown as GatewayApiCache;
}

/**
 * The real REST router over an exposure index, for the benches that ask only `/hostnames`: what
 * it does not read (auth, catalog, permissions, tenants) is stubbed (outside jest,
 * mockServices is not available).
 */
export function hostnamesRouter(
  exposures: ExposureIndex,
  now: Date | (() => Date),
) {
  return createRouter({
    clusters: [],
    exposures,
    httpAuth: { credentials: async () => ({} as never) },
    catalog: { getEntityByRef: async () => undefined },
    permissions: { authorize: async () => [] },
    tenants: () => [],
    tenantDetail: () => undefined,
    checkHostname: async () => ({ ok: false, reason: 'not in the bench' }),
    clock: typeof now === 'function' ? now : () => now,
  });
}
