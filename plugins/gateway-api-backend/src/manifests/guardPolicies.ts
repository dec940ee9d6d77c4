/**
 * Seed 001's four ValidatingAdmissionPolicies against hostname hijacking, reading tenant state
 * where Gatehouse keeps it: the tenant Namespaces' labels and annotations. Each policy takes the
 * tenant Namespaces as params (one evaluation per tenant), so a request is checked against every
 * tenant without any lookup CEL cannot do.
 */
import { MANAGED_BY_LABELS, TENANT_METADATA } from './metadata';
import { KubernetesObject } from './types';

/** Options of the installable guard policies. */
export interface GuardPolicyOptions {
  /** `Deny` enforces; `Warn` or `Audit` let a platform try the policies first. */
  validationActions: Array<'Deny' | 'Warn' | 'Audit'>;
  /**
   * Platform-owned namespaces exempt from the route and listener checks: the cluster-shared
   * Gateway's namespace, where cert-manager creates challenge routes for every tenant's hostnames.
   */
  platformNamespaces: string[];
}

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
const IS_TENANT_NAMESPACE = `has(object.metadata.labels) && '${TENANT_LABEL}' in object.metadata.labels`;

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

function outsidePlatformNamespaces(options: GuardPolicyOptions) {
  return {
    name: 'outside-platform-namespaces',
    expression: `!(object.metadata.namespace in ${JSON.stringify(
      options.platformNamespaces,
    ).replace(/"/g, "'")})`,
  };
}

function policy(
  name: string,
  resourceRule: { apiGroups: string[]; resources: string[] },
  spec: Record<string, unknown>,
): KubernetesObject {
  return {
    apiVersion: API_VERSION,
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name, labels: { ...MANAGED_BY_LABELS } },
    spec: {
      failurePolicy: 'Fail',
      paramKind: { apiVersion: 'v1', kind: 'Namespace' },
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
  policyName: string,
  options: GuardPolicyOptions,
): KubernetesObject {
  return {
    apiVersion: API_VERSION,
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name: policyName, labels: { ...MANAGED_BY_LABELS } },
    spec: {
      policyName,
      validationActions: options.validationActions,
      // Every tenant Namespace is a param; with no tenant yet there is nothing to protect.
      paramRef: {
        selector: {
          matchExpressions: [{ key: TENANT_LABEL, operator: 'Exists' }],
        },
        parameterNotFoundAction: 'Allow',
      },
    },
  };
}

/** The four guard policies and their bindings, for the platform to install. */
export function guardPolicies(options: GuardPolicyOptions): KubernetesObject[] {
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
        {
          name: 'routeOfTenant',
          expression: 'object.metadata.namespace in variables.tenantNamespaces',
        },
      ],
      validations: [
        {
          expression: `!variables.routeOfTenant || variables.hostnames.all(h, variables.tenantDomains.exists(d, ${INSIDE}))`,
          messageExpression: `'hostnames of ' + object.metadata.name + ' must lie inside the domains of tenant ' + ${PARAM_TENANT} + ': ' + variables.tenantDomains.join(', ')`,
          reason: 'Forbidden',
        },
        {
          expression: `variables.routeOfTenant || !variables.hostnames.exists(h, variables.tenantDomains.exists(d, ${OVERLAPS}))`,
          messageExpression: `'a hostname of ' + object.metadata.name + ' overlaps the domains of tenant ' + ${PARAM_TENANT} + ', and namespace ' + object.metadata.namespace + ' is not one of its namespaces'`,
          reason: 'Forbidden',
        },
      ],
    },
  );

  const isRelative = [
    {
      name: 'isParent',
      expression: `has(object.metadata.labels) && '${TENANT_METADATA.parentTenant}' in object.metadata.labels && object.metadata.labels['${TENANT_METADATA.parentTenant}'] == params.metadata.labels['${TENANT_LABEL}']`,
    },
    {
      name: 'isChild',
      expression: `'${TENANT_METADATA.parentTenant}' in params.metadata.labels && params.metadata.labels['${TENANT_METADATA.parentTenant}'] == object.metadata.labels['${TENANT_LABEL}']`,
    },
  ];
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
        ...isRelative,
      ],
      validations: [
        {
          // A parent and its children share domains by design; anyone else may not.
          expression: `!variables.other || variables.isParent || variables.isChild || !variables.domains.exists(h, variables.tenantDomains.exists(d, ${INSIDE} || d.endsWith('.' + h)))`,
          messageExpression: `'a domain of tenant ' + object.metadata.labels['${TENANT_LABEL}'] + ' is already claimed by tenant ' + ${PARAM_TENANT}`,
          reason: 'Forbidden',
        },
        {
          expression: `!variables.isParent || variables.domains.all(h, variables.tenantDomains.exists(d, ${INSIDE}))`,
          messageExpression: `'the domains of tenant ' + object.metadata.labels['${TENANT_LABEL}'] + ' must lie inside those of its parent ' + ${PARAM_TENANT}`,
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
          message: 'attached namespaces may not be tenant namespaces',
          reason: 'Forbidden',
        },
        {
          expression: `!variables.other || !variables.attached.exists(n, n in variables.tenantNamespaces)`,
          messageExpression: `'an attached namespace already belongs to tenant ' + ${PARAM_TENANT}`,
          reason: 'Forbidden',
        },
      ],
    },
  );

  const listenerHostnames = policy(
    'gatehouse-listener-hostnames',
    { apiGroups: ['gateway.networking.k8s.io'], resources: ['gateways'] },
    {
      matchConditions: [outsidePlatformNamespaces(options)],
      variables: [
        ...tenantVariables,
        {
          name: 'hostnames',
          expression:
            'object.spec.listeners.filter(l, has(l.hostname)).map(l, l.hostname)',
        },
      ],
      validations: [
        {
          expression: `object.metadata.namespace == params.metadata.name ? variables.hostnames.all(h, variables.tenantDomains.exists(d, ${INSIDE})) : !variables.hostnames.exists(h, variables.tenantDomains.exists(d, ${OVERLAPS}))`,
          messageExpression: `object.metadata.namespace == params.metadata.name ? 'listener hostnames of ' + object.metadata.name + ' must lie inside the domains of tenant ' + ${PARAM_TENANT} : 'a listener hostname of ' + object.metadata.name + ' overlaps the domains of tenant ' + ${PARAM_TENANT}`,
          reason: 'Forbidden',
        },
      ],
    },
  );

  return [
    routeHostnames,
    tenantDomains,
    attachedNamespaces,
    listenerHostnames,
  ].flatMap(p => [p, binding(p.metadata.name, options)]);
}
