import { randomUUID } from 'node:crypto';
import { KubeObject, ResourceType } from '../api/types';
import { StatusError } from '../api/status';
import { matchesLabelSelector } from '../api/labelSelector';
import { compileCel, evaluate, toCel } from '../validation/celLibrary';
import { AuthenticatedUser } from '../auth/authorizer';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE';

/** One write as ValidatingAdmissionPolicies see it. */
export interface AdmissionRequest {
  operation: Operation;
  type: ResourceType;
  version: string;
  subresource?: string;
  namespace?: string;
  name: string;
  /** Absent on DELETE. */
  object?: KubeObject;
  /** The stored object on UPDATE and DELETE. */
  oldObject?: KubeObject;
  user: AuthenticatedUser;
  dryRun: boolean;
}

/** What the evaluator needs from the store. */
export interface AdmissionSource {
  policies(): KubeObject[];
  bindings(): KubeObject[];
  namespace(name: string): KubeObject | undefined;
  params(
    paramKind: KubeObject,
    namespace: string | undefined,
    ref: KubeObject,
  ): KubeObject[] | undefined;
}

const reasonCodes: Record<string, number> = {
  Invalid: 422,
  Forbidden: 403,
  Unauthorized: 401,
  RequestEntityTooLarge: 413,
};

function matchList(list: string[] | undefined, value: string): boolean {
  return !list || list.includes('*') || list.includes(value);
}

function ruleMatches(rule: KubeObject, req: AdmissionRequest): boolean {
  const resource = req.subresource
    ? `${req.type.plural}/${req.subresource}`
    : req.type.plural;
  const resources: string[] = rule.resources ?? [];
  const scope = rule.scope ?? '*';
  return (
    matchList(rule.apiGroups, req.type.group) &&
    matchList(rule.apiVersions, req.version) &&
    matchList(rule.operations, req.operation) &&
    (resources.includes('*') ||
      resources.includes(resource) ||
      resources.includes('*/*') ||
      (req.subresource !== undefined &&
        resources.includes(`*/${req.subresource}`))) &&
    (scope === '*' || (scope === 'Namespaced') === req.type.namespaced)
  );
}

/** matchConstraints / matchResources: resource rules, exclusions, namespace and object selectors. */
function resourcesMatch(
  match: KubeObject | undefined,
  req: AdmissionRequest,
  namespaceObject: KubeObject | undefined,
): boolean {
  if (!match) return true;
  if (
    match.resourceRules &&
    !match.resourceRules.some((r: KubeObject) => ruleMatches(r, req))
  )
    return false;
  if (match.excludeResourceRules?.some((r: KubeObject) => ruleMatches(r, req)))
    return false;
  const nsLabels =
    req.type.kind === 'Namespace'
      ? (req.object ?? req.oldObject)?.metadata?.labels
      : namespaceObject?.metadata?.labels;
  if (
    match.namespaceSelector &&
    (req.type.namespaced || req.type.kind === 'Namespace')
  ) {
    if (!matchesLabelSelector(match.namespaceSelector, nsLabels ?? {}))
      return false;
  }
  const labels = (req.object ?? req.oldObject)?.metadata?.labels ?? {};
  return matchesLabelSelector(match.objectSelector, labels);
}

class Denial extends Error {}

/**
 * `request` as the apiserver hands it to policies (admission.k8s.io AdmissionRequest). The
 * request kind is the stored kind: the dev cluster converts versions by apiVersion only.
 */
function admissionRequest(req: AdmissionRequest): KubeObject {
  const kind = {
    group: req.type.group,
    version: req.version,
    kind: req.type.kind,
  };
  const resource = {
    group: req.type.group,
    version: req.version,
    resource: req.type.plural,
  };
  return {
    uid: randomUUID(),
    kind,
    resource,
    subResource: req.subresource ?? '',
    requestKind: kind,
    requestResource: resource,
    requestSubResource: req.subresource ?? '',
    name: req.name,
    namespace: req.namespace ?? '',
    operation: req.operation,
    userInfo: {
      username: req.user.username,
      uid: req.user.uid,
      groups: req.user.groups,
      extra: req.user.extra,
    },
    dryRun: req.dryRun,
  };
}

/** Evaluates ValidatingAdmissionPolicies and their bindings against a write. */
export class ValidatingAdmission {
  constructor(private readonly source: AdmissionSource) {}

  /** Throws the Status the apiserver returns when a binding with Deny rejects the request. */
  admit(req: AdmissionRequest): string[] {
    const warnings: string[] = [];
    const policies = new Map(
      this.source.policies().map(p => [p.metadata.name, p]),
    );
    if (!policies.size) return warnings;
    const namespaceObject = req.namespace
      ? this.source.namespace(req.namespace)
      : undefined;
    for (const binding of this.source.bindings()) {
      const policy = policies.get(binding.spec?.policyName);
      if (!policy) continue;
      if (!resourcesMatch(policy.spec?.matchConstraints, req, namespaceObject))
        continue;
      if (!resourcesMatch(binding.spec?.matchResources, req, namespaceObject))
        continue;
      const actions: string[] = binding.spec?.validationActions ?? ['Deny'];
      const prefix = `ValidatingAdmissionPolicy '${policy.metadata.name}' with binding '${binding.metadata.name}' denied request: `;
      for (const params of this.paramsFor(policy, binding, req)) {
        const failure = this.evaluate(policy, req, namespaceObject, params);
        if (!failure) continue;
        if (actions.includes('Warn')) {
          warnings.push(
            `Validation failed for ValidatingAdmissionPolicy '${policy.metadata.name}' with binding '${binding.metadata.name}': ${failure.message}`,
          );
        }
        if (actions.includes('Deny')) {
          throw new StatusError(
            reasonCodes[failure.reason] ?? 422,
            failure.reason,
            prefix + failure.message,
          );
        }
      }
    }
    return warnings;
  }

  private paramsFor(
    policy: KubeObject,
    binding: KubeObject,
    req: AdmissionRequest,
  ): Array<KubeObject | null> {
    const paramKind = policy.spec?.paramKind;
    const ref = binding.spec?.paramRef;
    if (!paramKind || !ref) return [null];
    const found = this.source.params(
      paramKind,
      ref.namespace ?? req.namespace,
      ref,
    );
    if (found && found.length) return found;
    if (ref.parameterNotFoundAction === 'Allow') return [];
    const policyName = policy.metadata.name;
    throw new StatusError(
      403,
      'Forbidden',
      `policy '${policyName}' with binding '${binding.metadata.name}' denied request: failed to configure binding: no params found for policy binding with \`Deny\` parameterNotFoundAction`,
    );
  }

  /** Returns the first failed validation, or undefined when the request passes or does not match. */
  private evaluate(
    policy: KubeObject,
    req: AdmissionRequest,
    namespaceObject: KubeObject | undefined,
    params: KubeObject | null,
  ): { message: string; reason: string } | undefined {
    const variables: Record<string, unknown> = {};
    const bindings: Record<string, unknown> = {
      object: req.object ? toCel(req.object) : null,
      oldObject: req.oldObject ? toCel(req.oldObject) : null,
      params: params ? toCel(params) : null,
      namespaceObject: namespaceObject ? toCel(namespaceObject) : null,
      request: toCel(admissionRequest(req)),
      variables,
    };
    const failOpen = policy.spec?.failurePolicy === 'Ignore';
    const run = (expression: string): unknown => {
      try {
        return evaluate(compileCel(expression), bindings);
      } catch (e) {
        if (failOpen) throw new Denial();
        return {
          error: `expression '${expression}' resulted in error: ${
            (e as Error).message
          }`,
        };
      }
    };
    try {
      for (const v of policy.spec?.variables ?? [])
        variables[v.name] = run(v.expression);
      for (const c of policy.spec?.matchConditions ?? []) {
        const result = run(c.expression);
        if (result !== true) {
          if (typeof result === 'object' && result && 'error' in result) {
            return {
              message: String((result as KubeObject).error),
              reason: 'Forbidden',
            };
          }
          return undefined;
        }
      }
      for (const v of policy.spec?.validations ?? []) {
        const result = run(v.expression);
        if (result === true) continue;
        const reason = v.reason ?? 'Invalid';
        if (typeof result === 'object' && result && 'error' in result) {
          return { message: String((result as KubeObject).error), reason };
        }
        let message = v.message ?? `failed expression: ${v.expression}`;
        if (v.messageExpression) {
          try {
            const m = evaluate(compileCel(v.messageExpression), bindings);
            if (typeof m === 'string' && m.trim()) message = m;
          } catch {
            // An unusable messageExpression falls back to message, as upstream does.
          }
        }
        return { message, reason };
      }
    } catch (e) {
      if (e instanceof Denial) return undefined;
      throw e;
    }
    return undefined;
  }
}
