import { KubeObject } from '../api/types';
import { FieldError, fieldInvalid, fieldRequired } from '../api/status';
import { compileCel } from './celLibrary';
import { ingressClassErrors, ingressErrors } from './networkingValidation';

const base64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Keys a Secret of a given type must carry, as the apiserver checks them. */
const requiredSecretKeys: Record<string, string[]> = {
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
};

function secretErrors(object: KubeObject): FieldError[] {
  const data = (object.data ?? {}) as Record<string, unknown>;
  const errors = Object.entries(data)
    .filter(
      ([, v]) => typeof v !== 'string' || v.length % 4 !== 0 || !base64.test(v),
    )
    .map(([k, v]) => fieldInvalid(`data[${k}]`, v, 'illegal base64 data'));
  for (const key of requiredSecretKeys[object.type] ?? []) {
    if (!(key in data)) errors.push(fieldRequired(`data[${key}]`));
  }
  return errors;
}

function serviceErrors(object: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  const ports = object.spec?.ports;
  const type = object.spec?.type ?? 'ClusterIP';
  if (
    type !== 'ExternalName' &&
    (!Array.isArray(ports) || ports.length === 0)
  ) {
    errors.push(fieldRequired('spec.ports'));
  }
  const list: KubeObject[] = Array.isArray(ports) ? ports : [];
  const names = new Set<string>();
  list.forEach((p: KubeObject, i: number) => {
    // Several ports need names to tell them apart, and names must be unique.
    if (list.length > 1 && !p?.name) {
      errors.push(fieldRequired(`spec.ports[${i}].name`));
    } else if (p?.name && names.has(p.name)) {
      errors.push({
        reason: 'FieldValueDuplicate',
        field: `spec.ports[${i}].name`,
        detail: `Duplicate value: ${JSON.stringify(p.name)}`,
      });
    }
    if (p?.name) names.add(p.name);
    if (!Number.isInteger(p?.port) || p.port < 1 || p.port > 65535) {
      errors.push(
        fieldInvalid(
          `spec.ports[${i}].port`,
          p?.port,
          'must be between 1 and 65535, inclusive',
        ),
      );
    }
  });
  return errors;
}

function policyErrors(object: KubeObject): FieldError[] {
  const validations = object.spec?.validations;
  if (!Array.isArray(validations) || validations.length === 0) {
    return object.spec?.auditAnnotations
      ? []
      : [
          fieldRequired(
            'spec.validations',
            'validations or auditAnnotations must contain at least one item',
          ),
        ];
  }
  const expressions: Array<[string, unknown]> = [
    ...validations.map((v: KubeObject, i: number): [string, unknown] => [
      `spec.validations[${i}].expression`,
      v?.expression,
    ]),
    ...(object.spec?.matchConditions ?? []).map(
      (c: KubeObject, i: number): [string, unknown] => [
        `spec.matchConditions[${i}].expression`,
        c?.expression,
      ],
    ),
    ...(object.spec?.variables ?? []).map(
      (c: KubeObject, i: number): [string, unknown] => [
        `spec.variables[${i}].expression`,
        c?.expression,
      ],
    ),
  ];
  return expressions.flatMap(([field, expression]) => {
    if (typeof expression !== 'string' || !expression)
      return [fieldRequired(field)];
    try {
      compileCel(expression);
      return [];
    } catch (e) {
      return [
        fieldInvalid(
          field,
          expression,
          `compilation failed: ${(e as Error).message}`,
        ),
      ];
    }
  });
}

function bindingErrors(object: KubeObject): FieldError[] {
  return object.spec?.policyName ? [] : [fieldRequired('spec.policyName')];
}

/**
 * Checks for built-in kinds, which have no CRD schema: the parts Gatehouse
 * relies on. `old` is the stored object on an update.
 */
export function builtinErrors(
  kind: string,
  object: KubeObject,
  old?: KubeObject,
): FieldError[] {
  switch (kind) {
    case 'Ingress':
      return ingressErrors(object, old);
    case 'IngressClass':
      return ingressClassErrors(object, old);
    case 'Secret':
      return secretErrors(object);
    case 'Service':
      return serviceErrors(object);
    case 'ValidatingAdmissionPolicy':
      return policyErrors(object);
    case 'ValidatingAdmissionPolicyBinding':
      return bindingErrors(object);
    default:
      return [];
  }
}
