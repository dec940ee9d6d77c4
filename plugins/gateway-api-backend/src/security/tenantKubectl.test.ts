/**
 * Tenancy holds in the cluster, not only in the portal. Each demo tenant, with exactly the rights
 * a multi-tenant cluster gives a team in its own namespaces (the tenant tokens of
 * `packages/dev-cluster/dev-cluster.yaml`), tries with kubectl every way we know to take another
 * tenant's hostname. Each attempt must be refused by the cluster (RBAC, the CRD schema or a guard
 * policy, with its message), or be inert: the controller never Accepts it. Afterwards, read from
 * the controllers' status, nothing in an attacker's namespaces serves a name outside its domains,
 * and every victim's hostname is still served by the victim.
 */
import { DevCluster } from '@gatehouse/dev-cluster';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { startGuardedExampleCluster } from '../__testUtils__/guardedCluster';
import { eventually } from '../__testUtils__/eventually';
import { KUBECTL, kubectlAs, KubectlResult } from '../__testUtils__/kubectl';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { TENANT_METADATA } from '../manifests';

const REPO = path.resolve(__dirname, '../../../..');
const DEV_CLUSTER_CONFIG = path.join(
  REPO,
  'packages/dev-cluster/dev-cluster.yaml',
);
const GROUP = 'gateway.networking.k8s.io';

type Obj = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: any;
  status?: any;
};

/** A listener that serves a hostname of a tenant, on a Gateway or a ListenerSet. */
interface ListenerRef {
  kind: 'Gateway' | 'ListenerSet';
  namespace: string;
  name: string;
  sectionName: string;
  hostname?: string;
  port: number;
  /** The Gateway the listener is on: the Gateway itself, or the ListenerSet's parent. */
  gateway: { namespace: string; name: string };
}

interface Tenant {
  name: string;
  namespace: string;
  attached: string[];
  domains: string[];
  kubectl: (args: string[], stdin?: string) => Promise<KubectlResult>;
  /** A hostname the tenant serves today (an Accepted route in its namespaces). */
  servedHostname: string;
  /** Listeners whose hostname lies in the tenant's domains. */
  listeners: ListenerRef[];
}

/** How an attempt must end. */
type Outcome =
  /** Refused by RBAC (403). */
  | 'forbidden'
  /** Refused by the CRD's schema or CEL rules. */
  | 'invalid'
  /** Refused by a guard policy. */
  | 'policy'
  /** Admitted or refused; if admitted, the controller must never let it serve. */
  | 'inert';

interface Attempt {
  attacker: Tenant;
  victim: Tenant;
  what: string;
  args: string[];
  stdin?: object;
  outcome: Outcome;
}

const inside = (hostname: string, domain: string) =>
  hostname === domain || hostname.endsWith(`.${domain}`);
const insideAny = (hostname: string, domains: string[]) =>
  domains.some(d => inside(hostname.replace(/^\*\./, ''), d));

const apply = (stdin: object) => ({ args: ['apply', '-f', '-'], stdin });

function attempts(a: Tenant, v: Tenant, sharedHttp?: ListenerRef): Attempt[] {
  const routeNs = a.attached[0] ?? a.namespace;
  const stamp = `${a.name}-vs-${v.name}`;
  // Each attempt its own object, so a later one never overwrites an earlier one.
  let count = 0;
  const meta = (name: string, namespace = routeNs) => ({
    name: `${name}-${++count}-${stamp}`,
    namespace,
  });
  const parentRef = (l: ListenerRef, withSection = true) => ({
    group: GROUP,
    kind: l.kind,
    namespace: l.namespace,
    name: l.name,
    ...(withSection ? { sectionName: l.sectionName } : {}),
  });
  const victimListener = v.listeners[0];
  const ownListener = a.listeners[0];
  const route = (
    what: string,
    spec: object,
    outcome: Outcome,
    kind = 'HTTPRoute',
    apiVersion = `${GROUP}/v1`,
  ): Attempt => ({
    attacker: a,
    victim: v,
    what,
    ...apply({ apiVersion, kind, metadata: meta(kind.toLowerCase()), spec }),
    outcome,
  });
  const backend = { backendRefs: [{ name: 'web', port: 80 }] };
  const list: Attempt[] = [
    route(
      `an HTTPRoute without hostnames attached by sectionName to ${v.name}'s listener ${victimListener.sectionName}`,
      { parentRefs: [parentRef(victimListener)], rules: [backend] },
      'inert',
    ),
    route(
      `an HTTPRoute without hostnames attached to ${v.name}'s ${victimListener.kind} as a whole`,
      { parentRefs: [parentRef(victimListener, false)], rules: [backend] },
      'inert',
    ),
    route(
      `an HTTPRoute for ${v.name}'s ${v.servedHostname} on its own listener`,
      {
        parentRefs: [parentRef(ownListener)],
        hostnames: [v.servedHostname],
        rules: [backend],
      },
      'policy',
    ),
    route(
      `an HTTPRoute for ${v.name}'s ${v.servedHostname} on ${v.name}'s listener`,
      {
        parentRefs: [parentRef(victimListener)],
        hostnames: [v.servedHostname],
        rules: [backend],
      },
      'policy',
    ),
    route(
      `an HTTPRoute for a new name in ${v.name}'s domain`,
      {
        parentRefs: [parentRef(ownListener, false)],
        hostnames: [`new.${v.domains[0]}`],
        rules: [backend],
      },
      'policy',
    ),
    route(
      `an HTTPRoute for a wildcard over every tenant`,
      {
        parentRefs: [parentRef(ownListener, false)],
        hostnames: ['*.example.org'],
        rules: [backend],
      },
      'policy',
    ),
    route(
      `an HTTPRoute for ${v.name}'s name in capitals`,
      {
        parentRefs: [parentRef(ownListener, false)],
        hostnames: [v.servedHostname.toUpperCase()],
        rules: [backend],
      },
      'invalid',
    ),
    route(
      `an HTTPRoute for ${v.name}'s name with a trailing dot`,
      {
        parentRefs: [parentRef(ownListener, false)],
        hostnames: [`${v.servedHostname}.`],
        rules: [backend],
      },
      'invalid',
    ),
    route(
      `a GRPCRoute for ${v.name}'s ${v.servedHostname}`,
      {
        parentRefs: [parentRef(ownListener, false)],
        hostnames: [v.servedHostname],
        rules: [backend],
      },
      'policy',
      'GRPCRoute',
    ),
    route(
      `a passthrough TLSRoute for ${v.name}'s ${v.servedHostname}`,
      {
        parentRefs: [parentRef(ownListener, false)],
        hostnames: [v.servedHostname],
        rules: [{ backendRefs: [{ name: 'web', port: 443 }] }],
      },
      'policy',
      'TLSRoute',
    ),
    {
      attacker: a,
      victim: v,
      what: `a ListenerSet listener for ${v.name}'s ${v.servedHostname}`,
      ...apply({
        apiVersion: `${GROUP}/v1`,
        kind: 'ListenerSet',
        metadata: meta('listeners', a.namespace),
        spec: {
          parentRef: {
            group: GROUP,
            kind: 'Gateway',
            ...gatewayOf(ownListener),
          },
          listeners: [
            {
              name: 'stolen',
              hostname: v.servedHostname,
              port: 443,
              protocol: 'HTTPS',
              tls: {
                mode: 'Terminate',
                certificateRefs: [{ name: 'stolen-tls' }],
              },
            },
          ],
        },
      }),
      outcome: 'policy',
    },
    {
      attacker: a,
      victim: v,
      what: 'a ListenerSet listener without a hostname (every name)',
      ...apply({
        apiVersion: `${GROUP}/v1`,
        kind: 'ListenerSet',
        metadata: meta('catchall', a.namespace),
        spec: {
          parentRef: {
            group: GROUP,
            kind: 'Gateway',
            ...gatewayOf(ownListener),
          },
          listeners: [{ name: 'all', port: 8080, protocol: 'HTTP' }],
        },
      }),
      outcome: 'policy',
    },
    {
      attacker: a,
      victim: v,
      what: `a ListenerSet of its own name put on ${v.name}'s Gateway`,
      ...apply({
        apiVersion: `${GROUP}/v1`,
        kind: 'ListenerSet',
        metadata: meta('squat', a.namespace),
        spec: {
          parentRef: {
            group: GROUP,
            kind: 'Gateway',
            ...gatewayOf(victimListener),
          },
          listeners: [
            {
              name: 'own',
              hostname: `squat.${a.domains[0]}`,
              port: 8081,
              protocol: 'HTTP',
            },
          ],
        },
      }),
      outcome: 'inert',
    },
    {
      attacker: a,
      victim: v,
      what: `a Gateway in its own namespace for ${v.name}'s name`,
      ...apply({
        apiVersion: `${GROUP}/v1`,
        kind: 'Gateway',
        metadata: meta('gateway', a.namespace),
        spec: {
          gatewayClassName: 'eg',
          listeners: [
            {
              name: 'stolen',
              hostname: v.servedHostname,
              port: 80,
              protocol: 'HTTP',
            },
          ],
        },
      }),
      outcome: 'forbidden',
    },
    {
      attacker: a,
      victim: v,
      what: `a Certificate for ${v.name}'s ${v.servedHostname}`,
      ...apply({
        apiVersion: 'cert-manager.io/v1',
        kind: 'Certificate',
        metadata: meta('cert', a.namespace),
        spec: {
          secretName: `stolen-${stamp}`,
          dnsNames: [v.servedHostname],
          issuerRef: { name: 'letsencrypt', kind: 'Issuer' },
        },
      }),
      outcome: 'policy',
    },
    {
      attacker: a,
      victim: v,
      what: `a Certificate naming ${v.name}'s name only in its commonName`,
      ...apply({
        apiVersion: 'cert-manager.io/v1',
        kind: 'Certificate',
        metadata: meta('cn', a.namespace),
        spec: {
          secretName: `cn-${stamp}`,
          commonName: v.servedHostname,
          dnsNames: [`ok.${a.domains[0]}`],
          issuerRef: { name: 'letsencrypt', kind: 'Issuer' },
        },
      }),
      outcome: 'policy',
    },
    {
      attacker: a,
      victim: v,
      what: 'a wildcard Certificate over every tenant',
      ...apply({
        apiVersion: 'cert-manager.io/v1',
        kind: 'Certificate',
        metadata: meta('wild', a.namespace),
        spec: {
          secretName: `wild-${stamp}`,
          dnsNames: ['*.example.org'],
          issuerRef: { name: 'letsencrypt', kind: 'Issuer' },
        },
      }),
      outcome: 'policy',
    },
    {
      attacker: a,
      victim: v,
      what: `a Certificate in ${v.name}'s namespace`,
      ...apply({
        apiVersion: 'cert-manager.io/v1',
        kind: 'Certificate',
        metadata: meta('cert', v.namespace),
        spec: {
          secretName: `planted-${stamp}`,
          dnsNames: [v.servedHostname],
          issuerRef: { name: 'letsencrypt', kind: 'Issuer' },
        },
      }),
      outcome: 'forbidden',
    },
    {
      attacker: a,
      victim: v,
      what: `a ReferenceGrant in ${v.name}'s namespace opening its Secrets`,
      ...apply({
        apiVersion: `${GROUP}/v1beta1`,
        kind: 'ReferenceGrant',
        metadata: meta('grant', v.namespace),
        spec: {
          from: [
            { group: GROUP, kind: 'ListenerSet', namespace: a.namespace },
            { group: GROUP, kind: 'Gateway', namespace: a.namespace },
          ],
          to: [{ group: '', kind: 'Secret' }],
        },
      }),
      outcome: 'forbidden',
    },
    {
      attacker: a,
      victim: v,
      what: `an HTTPRoute in ${v.name}'s attached namespace`,
      ...apply({
        apiVersion: `${GROUP}/v1`,
        kind: 'HTTPRoute',
        metadata: meta('planted', v.attached[0] ?? v.namespace),
        spec: {
          parentRefs: [parentRef(victimListener)],
          hostnames: [v.servedHostname],
          rules: [backend],
        },
      }),
      outcome: 'forbidden',
    },
    {
      attacker: a,
      victim: v,
      what: `its own tenant namespace annotated with ${v.name}'s domain`,
      args: [
        'annotate',
        'namespace',
        a.namespace,
        '--overwrite',
        `${TENANT_METADATA.domains}=${[...a.domains, ...v.domains].join(',')}`,
      ],
      outcome: 'policy',
    },
    {
      attacker: a,
      victim: v,
      what: `its own tenant namespace relabelled as ${v.name}'s`,
      args: [
        'label',
        'namespace',
        a.namespace,
        '--overwrite',
        `${TENANT_METADATA.tenant}=${v.name}`,
      ],
      outcome: 'policy',
    },
    {
      attacker: a,
      victim: v,
      what: `an attached namespace labelled as ${v.name}'s tenant namespace`,
      args: [
        'label',
        'namespace',
        routeNs,
        '--overwrite',
        `${TENANT_METADATA.tenant}=${v.name}`,
        `${TENANT_METADATA.domains}=${v.domains.join(',')}`,
      ],
      outcome: 'policy',
    },
    {
      attacker: a,
      victim: v,
      what: `its own tenant namespace attached to ${v.name}'s namespaces`,
      args: [
        'annotate',
        'namespace',
        a.namespace,
        '--overwrite',
        `${TENANT_METADATA.attachedNamespaces}=${[
          ...a.attached,
          ...v.attached,
          v.namespace,
        ].join(',')}`,
      ],
      outcome: 'policy',
    },
    {
      attacker: a,
      victim: v,
      what: `${v.name}'s tenant namespace annotated`,
      args: [
        'annotate',
        'namespace',
        v.namespace,
        '--overwrite',
        `${TENANT_METADATA.domains}=`,
      ],
      outcome: 'forbidden',
    },
  ];
  if (sharedHttp) {
    list.push(
      route(
        `an HTTPRoute for ${v.name}'s ${v.servedHostname} on the shared http listener`,
        {
          parentRefs: [parentRef(sharedHttp)],
          hostnames: [v.servedHostname],
          rules: [backend],
        },
        'policy',
      ),
      route(
        `an ACME HTTP-01 answer for ${v.name}'s ${v.servedHostname} on the shared http listener`,
        {
          parentRefs: [parentRef(sharedHttp)],
          hostnames: [v.servedHostname],
          rules: [
            {
              matches: [
                {
                  path: {
                    type: 'Exact',
                    value: '/.well-known/acme-challenge/stolen-token',
                  },
                },
              ],
              ...backend,
            },
          ],
        },
        'policy',
      ),
      route(
        'an HTTPRoute without hostnames on the shared http listener (every name on port 80)',
        { parentRefs: [parentRef(sharedHttp)], rules: [backend] },
        'inert',
      ),
    );
  }
  return list;
}

function gatewayOf(l: ListenerRef): { namespace: string; name: string } {
  return l.gateway;
}

describe('a tenant with kubectl in its own namespaces', () => {
  let cluster: DevCluster;
  let admin: ClusterClient;
  let tenants: Tenant[];
  let sharedHttp: ListenerRef | undefined;

  const list = async (apiVersion: string, kind: string) =>
    (await admin.list(apiVersion, kind)) as unknown as Obj[];

  beforeAll(async () => {
    const config = parse(fs.readFileSync(DEV_CLUSTER_CONFIG, 'utf8'));
    // With the controllers, and the guard policies the demo installs after its seed.
    ({ cluster, admin } = await startGuardedExampleCluster({
      controllers: config.controllers,
    }));
    // The controllers reconcile the seed after the cluster starts: wait until each tenant's
    // routes carry their Accepted status before reading what each serves.
    const deadline = Date.now() + 60_000;
    tenants = await readTenants();
    while (tenants.some(t => !t.servedHostname) && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 100));
      tenants = await readTenants();
    }
  }, 120_000);
  afterAll(() => cluster?.close());

  /** The demo tenants as the cluster has them, with what each serves and a kubectl of its own. */
  async function readTenants(): Promise<Tenant[]> {
    const namespaces = await list('v1', 'Namespace');
    const listeners = await allListeners();
    // The cluster-shared Gateway, as the cluster-shared tenant's spec names it.
    const shared = namespaces
      .map(ns => ns.metadata.annotations?.[TENANT_METADATA.spec])
      .map(spec => (spec ? JSON.parse(spec).sharedGateway : undefined))
      .find(Boolean);
    sharedHttp = listeners.find(
      l =>
        l.kind === 'Gateway' &&
        l.namespace === shared?.namespace &&
        l.name === shared?.name &&
        l.port === 80 &&
        !l.hostname,
    );
    const routes = await list(`${GROUP}/v1`, 'HTTPRoute');
    return namespaces
      .filter(ns => ns.metadata.labels?.[TENANT_METADATA.tenant])
      .filter(ns => ns.metadata.annotations?.[TENANT_METADATA.domains])
      .map(ns => {
        const name = ns.metadata.labels![TENANT_METADATA.tenant];
        const annotation = (key: string) =>
          (ns.metadata.annotations?.[key] ?? '').split(',').filter(Boolean);
        const domains = annotation(TENANT_METADATA.domains);
        const attached = annotation(TENANT_METADATA.attachedNamespaces);
        const own = [ns.metadata.name, ...attached];
        const servedHostname = routes
          .filter(r => own.includes(r.metadata.namespace!))
          .filter(r => acceptedParents(r).length > 0)
          .flatMap(r => (r.spec.hostnames ?? []) as string[])
          .find(h => !h.startsWith('*') && insideAny(h, domains));
        const token = `dev-cluster-${name}-token`;
        return {
          name,
          namespace: ns.metadata.name,
          attached,
          domains,
          kubectl: kubectlAs(cluster.kubeconfig(token)),
          servedHostname: servedHostname!,
          listeners: listeners.filter(
            l => l.hostname && insideAny(l.hostname, domains),
          ),
        };
      });
  }

  async function allListeners(): Promise<ListenerRef[]> {
    const parents = [
      ...(await list(`${GROUP}/v1`, 'Gateway')),
      ...(await list(`${GROUP}/v1`, 'ListenerSet')),
    ];
    return parents.flatMap(p =>
      ((p.spec?.listeners ?? []) as any[]).map(l => ({
        kind: p.kind as ListenerRef['kind'],
        namespace: p.metadata.namespace!,
        name: p.metadata.name,
        sectionName: l.name,
        hostname: l.hostname,
        port: l.port,
        gateway:
          p.kind === 'ListenerSet'
            ? {
                namespace: p.spec.parentRef.namespace ?? p.metadata.namespace,
                name: p.spec.parentRef.name,
              }
            : { namespace: p.metadata.namespace!, name: p.metadata.name },
      })),
    );
  }

  it('has the three demo tenants, each serving a hostname on a listener of its own', () => {
    expect(tenants.map(t => t.name).sort()).toEqual([
      'team-a',
      'team-b',
      'team-c',
    ]);
    for (const t of tenants) {
      expect(t.servedHostname).toBeDefined();
      expect(t.listeners.length).toBeGreaterThan(0);
    }
    expect(sharedHttp).toBeDefined();
  });

  it('refuses every hijack, or leaves it inert; afterwards nobody serves another tenant’s name', async () => {
    expect(fs.existsSync(KUBECTL)).toBe(true);
    const all = tenants.flatMap(a =>
      tenants.filter(v => v !== a).flatMap(v => attempts(a, v, sharedHttp)),
    );
    const wrong: string[] = [];
    const tally: Record<string, number> = {};
    for (const attempt of all) {
      const result = await attempt.attacker.kubectl(
        attempt.args,
        attempt.stdin ? JSON.stringify(attempt.stdin) : undefined,
      );
      const ended = outcomeOf(result);
      tally[ended] = (tally[ended] ?? 0) + 1;
      const expected =
        attempt.outcome === 'inert'
          ? ended === 'admitted' || ended === 'policy'
          : ended === attempt.outcome;
      if (!expected) {
        wrong.push(
          `${attempt.attacker.name} against ${attempt.victim.name}: ${
            attempt.what
          } ended ${ended}, expected ${attempt.outcome}: ${(
            result.stderr || result.stdout
          ).trim()}`,
        );
      }
    }

    // What was admitted is judged by the controllers' status, once they have reconciled it.
    // A route whose parent has no controller gets no status at all, hence the time limit.
    await eventually(async () => {
      for (const { route } of await attackerRoutes()) {
        if (!route.status?.parents?.length) {
          throw new Error(`${route.metadata.name} is not reconciled yet`);
        }
      }
    }, 10_000).catch(() => undefined);
    const served = await attackerRoutes();
    const hijacks = served.flatMap(({ route, tenant }) =>
      servedHostnames(route, tenant).filter(h => !insideAny(h, tenant.domains)),
    );

    // A ListenerSet put on a Gateway its tenant is not provisioned onto (another tenant's own
    // Gateway, or the cluster-shared one when the attacker has its own) is never admitted.
    const squats = (await list(`${GROUP}/v1`, 'ListenerSet'))
      .filter(ls => ls.metadata.name.includes('-vs-'))
      .filter(ls => {
        const parent = {
          namespace: ls.spec.parentRef.namespace ?? ls.metadata.namespace,
          name: ls.spec.parentRef.name,
        };
        const attacker = tenants.find(
          t => t.namespace === ls.metadata.namespace,
        );
        return !attacker?.listeners.some(
          l =>
            l.gateway.namespace === parent.namespace &&
            l.gateway.name === parent.name,
        );
      })
      // Refused in its status (NotAllowed), not merely not yet looked at.
      .filter(
        ls =>
          !(ls.status?.conditions ?? []).some(
            (c: any) => c.type === 'Accepted' && c.status === 'False',
          ),
      )
      .map(
        ls =>
          `ListenerSet ${ls.metadata.namespace}/${ls.metadata.name} was not refused by Gateway ${ls.spec.parentRef.namespace}/${ls.spec.parentRef.name}`,
      );

    // The victims' hostnames are all still served by their own routes.
    const routes = await list(`${GROUP}/v1`, 'HTTPRoute');
    const lost = tenants
      .filter(
        t =>
          !routes.some(
            r =>
              [t.namespace, ...t.attached].includes(r.metadata.namespace!) &&
              (r.spec.hostnames ?? []).includes(t.servedHostname) &&
              acceptedParents(r).length > 0,
          ),
      )
      .map(t => `${t.name} no longer serves ${t.servedHostname}`);

    // The README's security section quotes this line.
    process.stdout.write(
      `kubectl hijack attempts: ${all.length}, successes: ${
        hijacks.length + squats.length + lost.length + wrong.length
      } (${Object.entries(tally)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')})\n`,
    );
    expect(wrong).toEqual([]);
    expect(hijacks).toEqual([]);
    expect(squats).toEqual([]);
    expect(lost).toEqual([]);
  }, 300_000);

  /** Every route in a tenant namespace or an attached one, with its tenant. */
  async function attackerRoutes() {
    const kinds: Array<[string, string]> = [
      [`${GROUP}/v1`, 'HTTPRoute'],
      [`${GROUP}/v1`, 'GRPCRoute'],
      [`${GROUP}/v1`, 'TLSRoute'],
    ];
    const routes = (
      await Promise.all(kinds.map(([v, k]) => list(v, k)))
    ).flat();
    return routes.flatMap(route => {
      const tenant = tenants.find(t =>
        [t.namespace, ...t.attached].includes(route.metadata.namespace!),
      );
      return tenant && route.metadata.name.includes('-vs-')
        ? [{ route, tenant }]
        : [];
    });
  }

  /** The hostnames a route serves by its Accepted parents: its own, or its listener's. */
  function servedHostnames(route: Obj, tenant: Tenant): string[] {
    const own = (route.spec.hostnames ?? []) as string[];
    return acceptedParents(route).flatMap(parent => {
      if (own.length) return own;
      // No hostnames: the route takes the listener's, or every name when it has none.
      const listener = [...tenants.flatMap(t => t.listeners)].find(
        l =>
          l.kind === (parent.parentRef.kind ?? 'Gateway') &&
          l.name === parent.parentRef.name &&
          l.sectionName === parent.parentRef.sectionName,
      );
      return [listener?.hostname ?? `* (every name, for ${tenant.name})`];
    });
  }
});

function acceptedParents(route: Obj): any[] {
  return ((route.status?.parents ?? []) as any[]).filter(p =>
    (p.conditions ?? []).some(
      (c: any) => c.type === 'Accepted' && c.status === 'True',
    ),
  );
}

/** How kubectl's answer reads: admitted, or refused by whom. */
function outcomeOf(result: KubectlResult): Outcome | 'admitted' | 'other' {
  if (result.code === 0) return 'admitted';
  const text = result.stderr;
  if (/forbidden/i.test(text) && /cannot (create|patch|get|update)/.test(text))
    return 'forbidden';
  if (/ValidatingAdmissionPolicy .* denied request/.test(text)) return 'policy';
  if (/is invalid|Invalid value|Unsupported value/.test(text)) return 'invalid';
  return 'other';
}
