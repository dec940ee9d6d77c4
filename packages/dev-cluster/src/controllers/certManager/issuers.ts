import { condition } from '../kube/status';
import { KubeObject, isConditionTrue } from '../kube/types';
import { nameHash } from './model';

export const CERT_MANAGER_GROUP = 'cert-manager.io';

export interface IssuerRef {
  name: string;
  kind?: string;
  group?: string;
}

export interface IssuerLookup {
  issuers: KubeObject[];
  clusterIssuers: KubeObject[];
}

export type IssuerType = 'acme' | 'ca' | 'selfSigned';

/** The issuer types this controller simulates; others are left alone. */
export function issuerType(issuer: KubeObject): IssuerType | undefined {
  if (issuer.spec?.acme) return 'acme';
  if (issuer.spec?.ca) return 'ca';
  if (issuer.spec?.selfSigned) return 'selfSigned';
  return undefined;
}

export function issuerKind(ref: IssuerRef): string {
  return ref.kind || 'Issuer';
}

/** Whether the ref names a cert-manager issuer rather than an external one. */
export function isCertManagerIssuer(ref: IssuerRef): boolean {
  return !ref.group || ref.group === CERT_MANAGER_GROUP;
}

export function findIssuer(
  lookup: IssuerLookup,
  namespace: string,
  ref: IssuerRef,
): KubeObject | undefined {
  if (issuerKind(ref) === 'ClusterIssuer') {
    return lookup.clusterIssuers.find(i => i.metadata.name === ref.name);
  }
  return lookup.issuers.find(
    i => i.metadata.namespace === namespace && i.metadata.name === ref.name,
  );
}

/** The message cert-manager gives when a referenced issuer is missing. */
export function issuerNotFoundMessage(ref: IssuerRef): string {
  const kind = issuerKind(ref);
  return `Referenced "${kind}" not found: ${kind.toLowerCase()}.${CERT_MANAGER_GROUP} "${
    ref.name
  }" not found`;
}

export function isIssuerReady(issuer: KubeObject): boolean {
  return isConditionTrue(issuer, 'Ready');
}

/**
 * Status of an Issuer or ClusterIssuer. `secretNamespace` is where its
 * Secrets live: its own namespace, or the cluster resource namespace.
 */
export function reconcileIssuer(
  issuer: KubeObject,
  secrets: KubeObject[],
  secretNamespace: string,
): Record<string, unknown> | undefined {
  const generation = issuer.metadata.generation;
  const ready = (status: boolean, reason: string, message: string) =>
    condition('Ready', status, reason, message, generation);
  switch (issuerType(issuer)) {
    case 'selfSigned':
      return { conditions: [ready(true, 'IsReady', '')] };
    case 'ca': {
      const secretName: string = issuer.spec.ca.secretName;
      const secret = secrets.find(
        s =>
          s.metadata.namespace === secretNamespace &&
          s.metadata.name === secretName,
      );
      if (!secret) {
        return {
          conditions: [
            ready(
              false,
              'ErrGetKeyPair',
              `Error getting keypair for CA issuer: secrets "${secretName}" not found`,
            ),
          ],
        };
      }
      if (!secret.data?.['tls.crt'] || !secret.data?.['tls.key']) {
        return {
          conditions: [
            ready(
              false,
              'ErrInvalidKeyPair',
              `Error getting keypair for CA issuer: secret "${secretName}" does not contain tls.crt and tls.key`,
            ),
          ],
        };
      }
      return {
        conditions: [ready(true, 'KeyPairVerified', 'Signing CA verified')],
      };
    }
    case 'acme':
      return acmeIssuerStatus(issuer, ready);
    default:
      return undefined;
  }
}

function acmeIssuerStatus(
  issuer: KubeObject,
  ready: (status: boolean, reason: string, message: string) => unknown,
): Record<string, unknown> {
  const server: string = issuer.spec.acme.server ?? '';
  let origin: string;
  try {
    origin = new URL(server).origin;
  } catch {
    return {
      conditions: [
        ready(
          false,
          'ErrRegisterACMEAccount',
          `Failed to register ACME account: invalid ACME server URL "${server}"`,
        ),
      ],
    };
  }
  const account = `${issuer.metadata.namespace ?? ''}/${issuer.metadata.name}`;
  return {
    acme: {
      uri:
        issuer.status?.acme?.uri ?? `${origin}/acme/acct/${nameHash(account)}`,
      ...(issuer.spec.acme.email
        ? { lastRegisteredEmail: issuer.spec.acme.email }
        : {}),
    },
    conditions: [
      ready(
        true,
        'ACMEAccountRegistered',
        'The ACME account was registered with the ACME server',
      ),
    ],
  };
}
