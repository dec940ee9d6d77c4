/**
 * The ValidatingAdmissionPolicies against hostname hijacking, reading tenant state where
 * Gatehouse keeps it: the tenant Namespaces' labels and annotations. The policies that compare a
 * request with the tenants take the tenant Namespaces as params (one evaluation per tenant), so a
 * request is checked against every tenant without any lookup CEL cannot do. The tenant metadata
 * policy needs no params: it compares the request with the stored object.
 */
import {
  ATTACHED_TO_LABEL,
  MANAGED_BY_LABELS,
  TENANT_METADATA,
} from './metadata';
import { KubernetesObject } from './types';

/** How a binding acts on a refusal: enforce, or let a platform try the policies first. */
export type GuardPolicyMode = 'Deny' | 'Warn' | 'Audit';

export const GUARD_POLICY_MODES: GuardPolicyMode[] = ['Deny', 'Warn', 'Audit'];

/** Options of the installable guard policies. */
export interface GuardPolicyOptions {
  /** `Deny` enforces; `Warn` or `Audit` let a platform try the policies first. */
  validationActions: GuardPolicyMode[];
  /**
   * Platform-owned namespaces exempt from the route, listener and certificate checks: the
   * cluster-shared Gateway's namespace, where cert-manager creates challenge routes and, without
   * ListenerSets, Certificates for every tenant's hostnames.
   */
  platformNamespaces: string[];
  /**
   * The platform's identity: the users (e.g. Backstage's service account,
   * `system:serviceaccount:backstage:backstage`) and groups (e.g. `system:masters`) who alone may
   * set or change the `gateway-api.gatehouse.dev/` labels and annotations of a Namespace.
   */
  platformUsers: string[];
  platformGroups: string[];
}

/** The label and annotation prefix of the tenant state on Namespaces. */
const TENANT_METADATA_PREFIX = 'gateway-api.gatehouse.dev/';

const API_VERSION = 'admissionregistration.k8s.io/v1';

/** CEL: a comma-separated list annotation of `subject` (`object` or `params`), or an empty list. */
function listAnnotation(subject: string, key: string): string {
  const annotations = `${subject}.metadata.annotations`;
  return `has(${annotations}) && '${key}' in ${annotations} && ${annotations}['${key}'] != '' ? ${annotations}['${key}'].split(',') : []`;
}

/** CEL: hostname `h` lies inside domain `d` (a wildcard lies inside when its suffix does). */
const INSIDE = `(h == d || h.endsWith('.' + d))`;
/** CEL: hostname `h` could match a name inside domain `d`, including a wildcard wider than `d`. */
const OVERLAPS = `(${INSIDE} || (h.startsWith('*.') && (d == h.substring(2) || d.endsWith(h.substring(1)))))`;

const TENANT_LABEL = TENANT_METADATA.tenant;
/** CEL: the name of the tenant a param Namespace belongs to, for messages. */
const PARAM_TENANT = `params.metadata.labels['${TENANT_LABEL}']`;
/** CEL: the name of the tenant whose Namespace is the request's object (a tenant namespace). */
const OBJECT_TENANT = `object.metadata.labels['${TENANT_LABEL}']`;
const PARENT_LABEL = TENANT_METADATA.parentTenant;
const IS_TENANT_NAMESPACE = `has(object.metadata.labels) && '${TENANT_LABEL}' in object.metadata.labels`;

/**
 * CEL: the ancestors of the tenant of Namespace `subject` (a tenant namespace), nearest first:
 * its ancestors annotation, or for a child provisioned before it, its parent label alone.
 */
function ancestorsOf(subject: string): string {
  const annotated = listAnnotation(subject, TENANT_METADATA.ancestors);
  const labels = `${subject}.metadata.labels`;
  return `(${annotated}).size() > 0 ? (${annotated}) : ('${PARENT_LABEL}' in ${labels} ? [${labels}['${PARENT_LABEL}']] : [])`;
}

const tenantVariables = [
  {
    name: 'tenantDomains',
    expression: listAnnotation('params', TENANT_METADATA.domains),
  },
  {
    name: 'tenantNamespaces',
    expression: `[params.metadata.name] + (${listAnnotation(
      'params',
      TENANT_METADATA.attachedNamespaces,
    )})`,
  },
];

/** A CEL list literal of strings. */
function celList(values: string[]): string {
  return `[${values.map(v => `'${v.replace(/[\\']/g, '')}'`).join(', ')}]`;
}

function outsidePlatformNamespaces(options: GuardPolicyOptions) {
  return {
    name: 'outside-platform-namespaces',
    expression: `!(object.metadata.namespace in ${celList(
      options.platformNamespaces,
    )})`,
  };
}

function policy(
  name: string,
  resourceRule: { apiGroups: string[]; resources: string[] },
  spec: Record<string, unknown>,
  withParams = true,
): KubernetesObject {
  return {
    apiVersion: API_VERSION,
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name, labels: { ...MANAGED_BY_LABELS } },
    spec: {
      failurePolicy: 'Fail',
      ...(withParams
        ? { paramKind: { apiVersion: 'v1', kind: 'Namespace' } }
        : {}),
      matchConstraints: {
        resourceRules: [
          {
            ...resourceRule,
            apiVersions: ['*'],
            operations: ['CREATE', 'UPDATE'],
          },
        ],
      },
      ...spec,
    },
  };
}

function binding(
  policyObject: KubernetesObject,
  options: GuardPolicyOptions,
): KubernetesObject {
  const policyName = policyObject.metadata.name;
  const withParams =
    (policyObject.spec as Record<string, unknown>).paramKind !== undefined;
  return {
    apiVersion: API_VERSION,
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name: policyName, labels: { ...MANAGED_BY_LABELS } },
    spec: {
      policyName,
      validationActions: options.validationActions,
      // Every tenant Namespace is a param; with no tenant yet there is nothing to protect.
      ...(withParams
        ? {
            paramRef: {
              selector: {
                matchExpressions: [{ key: TENANT_LABEL, operator: 'Exists' }],
              },
              parameterNotFoundAction: 'Allow',
            },
          }
        : {}),
    },
  };
}

/**
 * CEL: the request's namespace is a tenant's (its tenant namespace, or one of its attached
 * namespaces, labelled with the tenant and its domains; only the platform writes either) and each
 * of its hostnames lies inside a domain of that tenant at least as specific as every domain of the
 * param's tenant containing it. Domains overlap only along a tenant's ancestry (the tenant-domains
 * policy), so such a request is a descendant tenant's own, which its own param judges: its ancestors
 * leave it to it instead of refusing a name of their domains. A parent serving a name of a domain
 * it delegated to a child stays refused by the child's param; its wildcard over its own domain
 * (a dedicated tenant's http-redirect listener) lies inside no domain of the child's, and stays its
 * own. A namespace whose label outlived its tenant's annotation (detached) stays refused by that
 * tenant's param: there the namespace is not the tenant's, and no domain is more specific than
 * the tenant's own.
 */
const IN_OWN_TENANT_DOMAINS = `namespaceObject != null && has(namespaceObject.metadata.labels) && ('${TENANT_LABEL}' in namespaceObject.metadata.labels || '${ATTACHED_TO_LABEL}' in namespaceObject.metadata.labels) && variables.hostnames.all(h, (${listAnnotation(
  'namespaceObject',
  TENANT_METADATA.domains,
)}).exists(d, ${INSIDE} && !variables.tenantDomains.exists(p, (h == p || h.endsWith('.' + p)) && p.size() >= d.size())))`;

/** CEL: the names a request's hostnames may use, given `variables.hostnames` and the tenant. */
function hostnameValidations(what: string, subject: string) {
  return [
    {
      expression: `!variables.ofTenant || variables.hostnames.all(h, variables.tenantDomains.exists(d, ${INSIDE}))`,
      messageExpression: `'${what} ' + object.metadata.namespace + '/' + object.metadata.name + ' was refused: its ${subject} ' + variables.hostnames.filter(h, !variables.tenantDomains.exists(d, ${INSIDE})).join(', ') + ' lie outside the domains of tenant ' + ${PARAM_TENANT} + ' (' + variables.tenantDomains.join(', ') + '), which owns namespace ' + object.metadata.namespace`,
      reason: 'Forbidden',
    },
    {
      expression: `variables.ofTenant || (${IN_OWN_TENANT_DOMAINS}) || !variables.hostnames.exists(h, variables.tenantDomains.exists(d, ${OVERLAPS}))`,
      messageExpression: `'${what} ' + object.metadata.namespace + '/' + object.metadata.name + ' was refused: its ${subject} ' + variables.hostnames.filter(h, variables.tenantDomains.exists(d, ${OVERLAPS})).join(', ') + ' overlap the domains of tenant ' + ${PARAM_TENANT} + ', and namespace ' + object.metadata.namespace + ' is not one of its namespaces'`,
      reason: 'Forbidden',
    },
  ];
}

/** CEL: the request comes from the platform's identity. */
function fromPlatform(options: GuardPolicyOptions): string {
  return `request.userInfo.username in ${celList(
    options.platformUsers,
  )} || (has(request.userInfo.groups) && request.userInfo.groups.exists(g, g in ${celList(
    options.platformGroups,
  )}))`;
}

/** CEL: the `gateway-api.gatehouse.dev/` keys of map `m` equal those of map `old`. */
function sameTenantKeys(m: string, old: string): string {
  const p = `'${TENANT_METADATA_PREFIX}'`;
  return `${m}.all(k, !k.startsWith(${p}) || (k in ${old} && ${old}[k] == ${m}[k])) && ${old}.all(k, !k.startsWith(${p}) || k in ${m})`;
}

/**
 * (b) and (c): only the platform may set, change or remove a Namespace's tenant state (the
 * `gateway-api.gatehouse.dev/` labels and annotations: tenant, layout, parent, ancestors,
 * domains, owner, attached namespaces, shared-http). The listeners' and Gateways' namespace selectors and every
 * other policy trust those labels, so they must be the platform's alone.
 */
/** The policy (and its binding) that keeps tenant metadata the platform's. */
export const TENANT_METADATA_POLICY = 'gatehouse-tenant-metadata';

function tenantMetadataPolicy(options: GuardPolicyOptions): KubernetesObject {
  const domains = TENANT_METADATA.domains;
  const orEmpty = (subject: string, field: string) =>
    `${subject} != null && has(${subject}.metadata.${field}) ? ${subject}.metadata.${field} : {}`;
  const valueOf = (m: string) =>
    `('${domains}' in ${m} ? ${m}['${domains}'] : '')`;
  return policy(
    TENANT_METADATA_POLICY,
    { apiGroups: [''], resources: ['namespaces'] },
    {
      matchConditions: [
        { name: 'not-the-platform', expression: `!(${fromPlatform(options)})` },
      ],
      variables: [
        { name: 'labels', expression: orEmpty('object', 'labels') },
        { name: 'oldLabels', expression: orEmpty('oldObject', 'labels') },
        { name: 'annotations', expression: orEmpty('object', 'annotations') },
        {
          name: 'oldAnnotations',
          expression: orEmpty('oldObject', 'annotations'),
        },
      ],
      validations: [
        {
          expression: `${valueOf('variables.annotations')} == ${valueOf(
            'variables.oldAnnotations',
          )}`,
          messageExpression: `'the domains of namespace ' + object.metadata.name + ' (annotation ${domains}) were not changed: only the platform grants a tenant its domains, and ' + request.userInfo.username + ' is not the platform'`,
          reason: 'Forbidden',
        },
        {
          expression: `${sameTenantKeys(
            'variables.labels',
            'variables.oldLabels',
          )} && ${sameTenantKeys(
            'variables.annotations',
            'variables.oldAnnotations',
          )}`,
          messageExpression: `'the tenant labels and annotations (${TENANT_METADATA_PREFIX}*) of namespace ' + object.metadata.name + ' were not set, changed or removed: they say which tenant a namespace belongs to, which Gateways admit its listeners and routes, and only the platform may write them; ' + request.userInfo.username + ' is not the platform'`,
          reason: 'Forbidden',
        },
      ],
    },
    false,
  );
}

/** The guard policies and their bindings, for the platform to install. */
export function guardPolicies(options: GuardPolicyOptions): KubernetesObject[] {
  const ofTenant = {
    name: 'ofTenant',
    expression: 'object.metadata.namespace in variables.tenantNamespaces',
  };
  const routeHostnames = policy(
    'gatehouse-route-hostnames',
    {
      apiGroups: ['gateway.networking.k8s.io'],
      resources: ['httproutes', 'tlsroutes', 'grpcroutes'],
    },
    {
      matchConditions: [outsidePlatformNamespaces(options)],
      variables: [
        ...tenantVariables,
        {
          name: 'hostnames',
          expression: 'has(object.spec.hostnames) ? object.spec.hostnames : []',
        },
        ofTenant,
        {
          name: 'parentNamespaces',
          expression:
            'has(object.spec.parentRefs) ? object.spec.parentRefs.map(p, has(p.namespace) ? p.namespace : object.metadata.namespace) : []',
        },
      ],
      validations: [
        ...hostnameValidations('route', 'hostnames'),
        {
          // CEL sees the route, not the listener its sectionName names. A route without
          // hostnames takes the listener's hostname, so one attaching outside its namespace (the
          // shared Gateway, another namespace's ListenerSet) could serve a name that is not its
          // own. Requiring hostnames there leaves the two rules above to keep them the route's own.
          expression:
            'variables.hostnames.size() > 0 || variables.parentNamespaces.all(n, n == object.metadata.namespace)',
          messageExpression: `'route ' + object.metadata.namespace + '/' + object.metadata.name + ' was refused: it attaches to a Gateway or ListenerSet in namespace ' + variables.parentNamespaces.filter(n, n != object.metadata.namespace).join(', ') + ' without hostnames, and would serve whatever hostname that listener has; list the hostnames it serves'`,
          reason: 'Forbidden',
        },
      ],
    },
  );

  const certificateNames = policy(
    'gatehouse-certificate-names',
    { apiGroups: ['cert-manager.io'], resources: ['certificates'] },
    {
      matchConditions: [outsidePlatformNamespaces(options)],
      variables: [
        ...tenantVariables,
        {
          name: 'hostnames',
          expression:
            '(has(object.spec.dnsNames) ? object.spec.dnsNames : []) + (has(object.spec.commonName) ? [object.spec.commonName] : [])',
        },
        ofTenant,
      ],
      validations: hostnameValidations('certificate', 'names'),
    },
  );

  const tenantDomains = policy(
    'gatehouse-tenant-domains',
    { apiGroups: [''], resources: ['namespaces'] },
    {
      matchConditions: [
        { name: 'tenant-namespace', expression: IS_TENANT_NAMESPACE },
      ],
      variables: [
        ...tenantVariables,
        {
          name: 'domains',
          expression: listAnnotation('object', TENANT_METADATA.domains),
        },
        {
          name: 'other',
          expression: 'params.metadata.name != object.metadata.name',
        },
        { name: 'ancestors', expression: ancestorsOf('object') },
        { name: 'paramAncestors', expression: ancestorsOf('params') },
        {
          name: 'isParent',
          expression: `'${PARENT_LABEL}' in object.metadata.labels && object.metadata.labels['${PARENT_LABEL}'] == ${PARAM_TENANT}`,
        },
        {
          name: 'isAncestor',
          expression: `${PARAM_TENANT} in variables.ancestors`,
        },
        {
          name: 'isDescendant',
          expression: `${OBJECT_TENANT} in variables.paramAncestors`,
        },
      ],
      validations: [
        {
          // Along the ancestry a tenant's domains lie strictly inside its ancestors' (the
          // portal's checkTenantDomains); anyone else's may not overlap at all.
          expression: `!variables.other || !variables.domains.exists(h, variables.tenantDomains.exists(d, (${INSIDE} || d.endsWith('.' + h)) && !(variables.isAncestor && h.endsWith('.' + d)) && !(variables.isDescendant && d.endsWith('.' + h))))`,
          messageExpression: `'namespace ' + object.metadata.name + ' was refused: a domain of tenant ' + ${OBJECT_TENANT} + ' (' + variables.domains.join(', ') + ') is already claimed by tenant ' + ${PARAM_TENANT} + ' (' + variables.tenantDomains.join(', ') + ')' + (variables.isAncestor || variables.isDescendant ? ', and the domains of a tenant lie strictly inside those of its ancestors' : ', which is neither its ancestor nor its descendant')`,
          reason: 'Forbidden',
        },
        {
          expression: `!variables.isParent || variables.domains.all(h, variables.tenantDomains.exists(d, h.endsWith('.' + d)))`,
          messageExpression: `'namespace ' + object.metadata.name + ' was refused: the domains of tenant ' + ${OBJECT_TENANT} + ' must lie inside those of its parent ' + ${PARAM_TENANT} + ' (' + variables.tenantDomains.join(', ') + ')'`,
          reason: 'Forbidden',
        },
        {
          // The ancestry grants overlaps, so it must be the parent's ancestry continued: a
          // tenant cannot name an ancestor its parent does not have.
          expression: `!variables.isParent || variables.ancestors == [${PARAM_TENANT}] + variables.paramAncestors`,
          messageExpression: `'namespace ' + object.metadata.name + ' was refused: the ancestors of tenant ' + ${OBJECT_TENANT} + ' (annotation ${TENANT_METADATA.ancestors}: ' + variables.ancestors.join(', ') + ') must be its parent ' + ${PARAM_TENANT} + ' followed by the ancestors of its parent (' + variables.paramAncestors.join(', ') + ')'`,
          reason: 'Forbidden',
        },
        {
          // Without a parent, or naming another first, the annotation would grant overlaps the
          // parent's param never checks.
          expression: `variables.ancestors.size() == 0 || ('${PARENT_LABEL}' in object.metadata.labels && variables.ancestors[0] == object.metadata.labels['${PARENT_LABEL}'])`,
          messageExpression: `'namespace ' + object.metadata.name + ' was refused: the ancestors of tenant ' + ${OBJECT_TENANT} + ' (annotation ${TENANT_METADATA.ancestors}: ' + variables.ancestors.join(', ') + ') must begin with its parent tenant (label ${PARENT_LABEL}' + ('${PARENT_LABEL}' in object.metadata.labels ? ': ' + object.metadata.labels['${PARENT_LABEL}'] : ', absent') + ')'`,
          reason: 'Forbidden',
        },
      ],
    },
  );

  const attachedNamespaces = policy(
    'gatehouse-attached-namespaces',
    { apiGroups: [''], resources: ['namespaces'] },
    {
      matchConditions: [
        { name: 'tenant-namespace', expression: IS_TENANT_NAMESPACE },
      ],
      variables: [
        ...tenantVariables,
        {
          name: 'attached',
          expression: listAnnotation(
            'object',
            TENANT_METADATA.attachedNamespaces,
          ),
        },
        {
          name: 'other',
          expression: 'params.metadata.name != object.metadata.name',
        },
      ],
      validations: [
        {
          expression: `variables.attached.all(n, !n.startsWith('tenant-'))`,
          messageExpression: `'namespace ' + object.metadata.name + ' was refused: its attached namespaces ' + variables.attached.filter(n, n.startsWith('tenant-')).join(', ') + ' are tenant namespaces, and a tenant namespace belongs to its own tenant alone'`,
          reason: 'Forbidden',
        },
        {
          expression: `!variables.other || !variables.attached.exists(n, n in variables.tenantNamespaces)`,
          messageExpression: `'namespace ' + object.metadata.name + ' was refused: its attached namespaces ' + variables.attached.filter(n, n in variables.tenantNamespaces).join(', ') + ' already belong to tenant ' + ${PARAM_TENANT}`,
          reason: 'Forbidden',
        },
      ],
    },
  );

  const listenerHostnames = policy(
    'gatehouse-listener-hostnames',
    {
      apiGroups: ['gateway.networking.k8s.io'],
      resources: ['gateways', 'listenersets'],
    },
    {
      matchConditions: [outsidePlatformNamespaces(options)],
      variables: [
        ...tenantVariables,
        {
          name: 'hostnames',
          expression:
            'object.spec.listeners.filter(l, has(l.hostname)).map(l, l.hostname)',
        },
        {
          // Only the tenant namespace holds the tenant's Gateways and ListenerSets.
          name: 'ofTenant',
          expression: 'object.metadata.namespace == params.metadata.name',
        },
      ],
      validations: [
        ...hostnameValidations("' + object.kind + '", 'listener hostnames'),
        {
          // A hostname-less listener in a ListenerSet would catch every name on its parent
          // Gateway's port that no other listener claims, other tenants' included.
          expression:
            "!variables.ofTenant || object.kind != 'ListenerSet' || object.spec.listeners.all(l, has(l.hostname) && l.hostname != '')",
          messageExpression: `'ListenerSet ' + object.metadata.namespace + '/' + object.metadata.name + ' was refused: its listeners ' + object.spec.listeners.filter(l, !has(l.hostname) || l.hostname == '').map(l, l.name).join(', ') + ' have no hostname, and would catch the names of every tenant on the Gateway; give each a hostname of tenant ' + ${PARAM_TENANT}`,
          reason: 'Forbidden',
        },
      ],
    },
  );

  return [
    tenantMetadataPolicy(options),
    tenantDomains,
    attachedNamespaces,
    listenerHostnames,
    routeHostnames,
    certificateNames,
  ].flatMap(p => [p, binding(p, options)]);
}
