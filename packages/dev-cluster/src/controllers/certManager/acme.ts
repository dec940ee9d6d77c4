import { Action } from '../kube/actions';
import { KubeObject, formatTime } from '../kube/types';
import { issueCertificate } from './certificateRequests';
import { findIssuer } from './issuers';
import {
  CertManagerSettings,
  CertManagerSnapshot,
  controllerOwner,
  endsWithAny,
  findNamed,
  nameHash,
  statusAction,
} from './model';

type ChallengeType = 'HTTP-01' | 'DNS-01';

interface Solver {
  selector?: { dnsNames?: string[]; dnsZones?: string[] };
  http01?: unknown;
  dns01?: unknown;
}

/**
 * The solver cert-manager picks for a name: one listing the name, else the
 * one with the longest matching DNS zone, else one without a selector.
 * HTTP-01 cannot prove a wildcard, so such solvers are skipped for them.
 */
export function pickSolver(
  solvers: Solver[],
  dnsName: string,
): Solver | undefined {
  const usable = solvers.filter(s => !(dnsName.startsWith('*.') && !s.dns01));
  const bare = dnsName.replace(/^\*\./, '');
  const byName = usable.find(s => s.selector?.dnsNames?.includes(dnsName));
  if (byName) return byName;
  let best: { solver: Solver; length: number } | undefined;
  for (const solver of usable) {
    for (const zone of solver.selector?.dnsZones ?? []) {
      const matches = bare === zone || bare.endsWith(`.${zone}`);
      if (matches && (!best || zone.length > best.length))
        best = { solver, length: zone.length };
    }
  }
  if (best) return best.solver;
  return usable.find(
    s => !s.selector?.dnsNames?.length && !s.selector?.dnsZones?.length,
  );
}

function challengeType(solver: Solver): ChallengeType {
  return solver.http01 ? 'HTTP-01' : 'DNS-01';
}

function orderUrl(order: KubeObject): string {
  return `https://acme.dev-cluster.invalid/acme/order/${nameHash(
    `${order.metadata.namespace}/${order.metadata.name}`,
  )}`;
}

/**
 * One step of an ACME Order: authorizations, one Challenge per name, then
 * valid (with the certificate) once every Challenge is, or invalid when
 * one fails.
 */
export function reconcileOrder(
  order: KubeObject,
  snapshot: CertManagerSnapshot,
  settings: CertManagerSettings,
): Action[] {
  const state: string | undefined = order.status?.state;
  if (state && state !== 'pending') return [];
  const namespace = order.metadata.namespace!;
  const issuer = findIssuer(snapshot, namespace, order.spec?.issuerRef ?? {});
  const solvers: Solver[] = issuer?.spec?.acme?.solvers ?? [];
  const dnsNames: string[] = order.spec?.dnsNames ?? [];
  if (!state) {
    const chosen = dnsNames.map(name => pickSolver(solvers, name));
    if (!issuer || chosen.some(s => !s)) {
      return statusAction('orders', order, {
        state: 'errored',
        reason:
          'Failed to determine a valid solver configuration for the set of domains on the Order: no configured challenge solvers can be used for this challenge',
        failureTime: formatTime(settings.now),
      });
    }
    const url = orderUrl(order);
    return statusAction('orders', order, {
      state: 'pending',
      url,
      finalizeURL: `${url}/finalize`,
      authorizations: dnsNames.map((name, i) => ({
        url: `${url}/authz/${nameHash(name)}`,
        identifier: name.replace(/^\*\./, ''),
        wildcard: name.startsWith('*.'),
        initialState: 'pending',
        challenges: [
          {
            type: challengeType(chosen[i]!).toLowerCase(),
            url: `${url}/chall/${nameHash(name)}`,
            token: nameHash(`token/${url}/${name}`),
          },
        ],
      })),
    });
  }
  const challenges = dnsNames.map(name => ({
    name,
    challenge: findNamed(
      snapshot.challenges,
      namespace,
      challengeName(order, name),
    ),
  }));
  const missing = challenges.filter(c => !c.challenge);
  if (missing.length > 0) {
    return missing.map(({ name }) => ({
      type: 'create' as const,
      resource: 'challenges' as const,
      object: newChallenge(order, name, pickSolver(solvers, name)!),
    }));
  }
  const failed = challenges.find(c => c.challenge!.status?.state === 'invalid');
  if (failed) {
    return statusAction('orders', order, {
      ...order.status,
      state: 'invalid',
      reason: `Authorization for "${failed.name}" is invalid: ${
        failed.challenge!.status?.reason ?? ''
      }`,
      failureTime: formatTime(settings.now),
    });
  }
  if (challenges.every(c => c.challenge!.status?.state === 'valid')) {
    return statusAction('orders', order, {
      ...order.status,
      state: 'valid',
      certificate: issueCertificate(
        order,
        issuer?.metadata.name ?? 'acme',
        settings.now,
      ),
    });
  }
  return [];
}

function challengeName(order: KubeObject, dnsName: string): string {
  return `${order.metadata.name}-${nameHash(dnsName)}`;
}

function newChallenge(
  order: KubeObject,
  dnsName: string,
  solver: Solver,
): KubeObject {
  const url = orderUrl(order);
  const token = nameHash(`token/${url}/${dnsName}`);
  return {
    apiVersion: 'acme.cert-manager.io/v1',
    kind: 'Challenge',
    metadata: {
      name: challengeName(order, dnsName),
      namespace: order.metadata.namespace,
      ownerReferences: [
        controllerOwner(order, 'acme.cert-manager.io/v1', 'Order'),
      ],
    },
    spec: {
      url: `${url}/chall/${nameHash(dnsName)}`,
      authorizationURL: `${url}/authz/${nameHash(dnsName)}`,
      dnsName: dnsName.replace(/^\*\./, ''),
      wildcard: dnsName.startsWith('*.'),
      type: challengeType(solver),
      token,
      key: `${token}.dev-cluster`,
      solver,
      issuerRef: order.spec.issuerRef,
    },
  };
}

/** Why a challenge fails, when the options say names like this one do. */
function failureReason(
  challenge: KubeObject,
  settings: CertManagerSettings,
): string | undefined {
  const dnsName: string = challenge.spec?.dnsName ?? '';
  if (challenge.spec?.type === 'HTTP-01') {
    return endsWithAny(dnsName, settings.failHttp01Suffixes)
      ? "Waiting for HTTP-01 challenge propagation: wrong status code '404', expected '200'"
      : undefined;
  }
  return endsWithAny(dnsName, settings.failDns01Suffixes)
    ? `Waiting for DNS-01 challenge propagation: DNS record for "${dnsName}" not yet propagated`
    : undefined;
}

/**
 * One step of a Challenge: presented and pending (with the self-check
 * failure when it is set to fail), then valid or invalid.
 */
export function reconcileChallenge(
  challenge: KubeObject,
  settings: CertManagerSettings,
): Action[] {
  const state: string | undefined = challenge.status?.state;
  if (state === 'valid' || state === 'invalid') return [];
  const failure = failureReason(challenge, settings);
  if (!challenge.status?.presented) {
    return statusAction('challenges', challenge, {
      processing: true,
      presented: true,
      state: 'pending',
      reason: failure ?? '',
    });
  }
  return statusAction('challenges', challenge, {
    processing: false,
    presented: false,
    state: failure ? 'invalid' : 'valid',
    reason: failure ?? 'Successfully authorized domain',
  });
}
