import { StatusError, unauthorized } from '../api/status';
import { CertificateIdentity } from './pki';

export interface PolicyRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  /** Absent means every namespace and cluster-scoped resources. */
  namespaces?: string[];
}

export interface DevClusterToken {
  token: string;
  username: string;
  /** The user's uid, as admission sees it; default empty. */
  uid?: string;
  /** Groups besides `system:authenticated`, which every token's user is in. */
  groups?: string[];
  /** Extra user attributes, as admission sees them. */
  extra?: Record<string, string[]>;
  rules: PolicyRule[];
  /** When the token stops working (answered 401 after it), as a bound service account token. */
  expiresAt?: Date;
}

/** What a user named by a client certificate may do; its groups come from the certificate. */
export interface DevClusterCertificateUser {
  username: string;
  rules: PolicyRule[];
}

/** Who sent a request, as the apiserver's authenticator hands it to authorisation and admission. */
export interface AuthenticatedUser {
  username: string;
  uid: string;
  groups: string[];
  extra: Record<string, string[]>;
}

export interface UserInfo extends AuthenticatedUser {
  rules: PolicyRule[];
  /** Only the built-in admin token may use the /dev-cluster/ endpoints. */
  admin: boolean;
}

/** What a request wants to do, in the terms RBAC uses. */
export interface Attributes {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

export const adminToken: DevClusterToken = {
  token: 'dev-cluster-admin-token',
  username: 'admin',
  groups: ['system:masters'],
  rules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
};

function matches(list: string[], value: string): boolean {
  return list.includes('*') || list.includes(value);
}

function allows(rule: PolicyRule, a: Attributes): boolean {
  const resource = a.subresource
    ? `${a.resource}/${a.subresource}`
    : a.resource;
  return (
    matches(rule.verbs, a.verb) &&
    matches(rule.apiGroups, a.group) &&
    (matches(rule.resources, resource) ||
      (a.subresource !== undefined &&
        rule.resources.includes(`*/${a.subresource}`))) &&
    (!rule.namespaces ||
      (a.namespace !== undefined && matches(rule.namespaces, a.namespace)))
  );
}

/** The user a token authenticates: its groups plus `system:authenticated`, as the apiserver adds it. */
export function authenticatedUser(t: DevClusterToken): AuthenticatedUser {
  const groups = t.groups ?? [];
  return {
    username: t.username,
    uid: t.uid ?? '',
    groups: groups.includes('system:authenticated')
      ? [...groups]
      : [...groups, 'system:authenticated'],
    extra: { ...(t.extra ?? {}) },
  };
}

/**
 * Bearer-token and client-certificate authentication, and RBAC-style authorisation. As on the
 * apiserver, a bearer token is tried first; a certificate user in `system:masters` may do
 * anything.
 */
export class Authorizer {
  private readonly tokens = new Map<string, UserInfo & { expiresAt?: Date }>();
  private readonly certificateUsers = new Map<string, PolicyRule[]>();

  constructor(
    tokens: DevClusterToken[],
    certificateUsers: DevClusterCertificateUser[] = [],
  ) {
    for (const t of [adminToken, ...tokens]) this.addToken(t);
    for (const u of certificateUsers) {
      this.certificateUsers.set(u.username, u.rules);
    }
  }

  /** Accepts another token from now on (a rotated or newly issued one). */
  addToken(t: DevClusterToken): void {
    this.tokens.set(t.token, {
      ...authenticatedUser(t),
      rules: t.rules,
      admin: t === adminToken,
      expiresAt: t.expiresAt,
    });
  }

  authenticate(
    header: string | undefined,
    certificate?: CertificateIdentity,
  ): UserInfo {
    const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (m) {
      const found = this.tokens.get(m[1]);
      if (
        !found ||
        (found.expiresAt && found.expiresAt.getTime() <= Date.now())
      ) {
        throw unauthorized();
      }
      const { expiresAt: _expiresAt, ...user } = found;
      return user;
    }
    if (certificate && !header) {
      const groups = certificate.groups.includes('system:authenticated')
        ? certificate.groups
        : [...certificate.groups, 'system:authenticated'];
      return {
        username: certificate.username,
        uid: '',
        groups,
        extra: {},
        rules: groups.includes('system:masters')
          ? adminToken.rules
          : this.certificateUsers.get(certificate.username) ?? [],
        admin: false,
      };
    }
    throw unauthorized();
  }

  authorize(user: UserInfo, a: Attributes): void {
    if (user.rules.some(rule => allows(rule, a))) return;
    throw forbidden(user, a);
  }
}

/** The apiserver's RBAC denial, word for word. */
export function forbidden(user: UserInfo, a: Attributes): StatusError {
  const qualified = a.group ? `${a.resource}.${a.group}` : a.resource;
  const subject = a.name ? `${qualified} "${a.name}"` : qualified;
  const resource = a.subresource
    ? `${a.resource}/${a.subresource}`
    : a.resource;
  const scope = a.namespace
    ? `in the namespace "${a.namespace}"`
    : 'at the cluster scope';
  return new StatusError(
    403,
    'Forbidden',
    `${subject} is forbidden: User "${user.username}" cannot ${a.verb} resource "${resource}" in API group "${a.group}" ${scope}`,
    { ...(a.name ? { name: a.name } : {}), group: a.group, kind: a.resource },
  );
}
