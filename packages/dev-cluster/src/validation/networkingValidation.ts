import { isIP } from 'node:net';
import { KubeObject } from '../api/types';
import {
  FieldError,
  fieldInvalid,
  fieldRequired,
  printValue,
} from '../api/status';

/**
 * The API server's own validation of `networking.k8s.io/v1` Ingress and
 * IngressClass (Kubernetes' pkg/apis/networking/validation), with its
 * messages. There is no schema for built-in kinds, so this is all of it.
 */

const DNS1123_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const WILDCARD_DNS1123_SUBDOMAIN =
  /^\*\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const HTTP_PATH = /^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;

const SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const WILDCARD_MESSAGE =
  "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const DNS1035_MESSAGE =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];
const PARAMETER_SCOPES = ['Cluster', 'Namespace'];
const MAX_CONTROLLER_LENGTH = 250;
const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

function dns1123Subdomain(value: string): string[] {
  const messages: string[] = [];
  if (value.length > 253) messages.push('must be no more than 253 characters');
  if (!DNS1123_SUBDOMAIN.test(value)) messages.push(SUBDOMAIN_MESSAGE);
  return messages;
}

function wildcardDns1123Subdomain(value: string): string[] {
  const messages: string[] = [];
  if (value.length > 253) messages.push('must be no more than 253 characters');
  if (!WILDCARD_DNS1123_SUBDOMAIN.test(value)) messages.push(WILDCARD_MESSAGE);
  return messages;
}

/** A Service name: a DNS-1035 label. */
function dns1035Label(value: string): string[] {
  const messages: string[] = [];
  if (value.length > 63) messages.push('must be no more than 63 characters');
  if (!DNS1035_LABEL.test(value)) messages.push(DNS1035_MESSAGE);
  return messages;
}

/** Go's net.ParseIP as Kubernetes calls it (ParseIPSloppy): leading zeros allowed in IPv4. */
export function parsesAsIp(value: string): boolean {
  if (isIP(value)) return true;
  const parts = value.split('.');
  return (
    parts.length === 4 &&
    parts.every(p => /^\d{1,3}$/.test(p) && Number(p) <= 255)
  );
}

/** An IANA service name, what a named port must be. */
function portName(value: string): string[] {
  const messages: string[] = [];
  if (value.length > 15) messages.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(value)) {
    messages.push(
      'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    );
  }
  if (!/[a-z]/.test(value))
    messages.push('must contain at least one letter (a-z)');
  if (value.includes('--'))
    messages.push('must not contain consecutive hyphens');
  if (value.startsWith('-') || value.endsWith('-')) {
    messages.push('must not begin or end with a hyphen');
  }
  return messages;
}

function pathSegmentName(value: string): string[] {
  if (value === '.' || value === '..') return [`may not be '${value}'`];
  const messages: string[] = [];
  for (const illegal of ['/', '%']) {
    if (value.includes(illegal)) messages.push(`may not contain '${illegal}'`);
  }
  return messages;
}

function invalidEach(
  field: string,
  value: unknown,
  messages: string[],
): FieldError[] {
  return messages.map(message => fieldInvalid(field, value, message));
}

function notSupported(
  field: string,
  value: unknown,
  supported: string[],
): FieldError {
  return {
    reason: 'FieldValueNotSupported',
    field,
    detail: `Unsupported value: ${printValue(
      value,
    )}: supported values: ${supported.map(v => JSON.stringify(v)).join(', ')}`,
  };
}

function forbidden(field: string, detail: string): FieldError {
  return {
    reason: 'FieldValueForbidden',
    field,
    detail: `Forbidden: ${detail}`,
  };
}

/** Present: neither undefined nor null (JSON null reads as unset, as in Go). */
function isSet<T>(value: T | undefined | null): value is T {
  return value !== undefined && value !== null;
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function backendErrors(backend: KubeObject | undefined, field: string) {
  const errors: FieldError[] = [];
  const hasResource = isSet(backend?.resource);
  const hasService = isSet(backend?.service);
  if (hasResource && hasService) {
    return [
      fieldInvalid(field, '', 'cannot set both resource and service backends'),
    ];
  }
  if (hasResource) {
    return typedReferenceErrors(backend!.resource, `${field}.resource`);
  }
  if (!hasService) {
    return [fieldInvalid(field, '', 'resource or service backend is required')];
  }
  const service = backend!.service;
  if (!isString(service.name) || service.name === '') {
    errors.push(fieldRequired(`${field}.service.name`));
  } else {
    errors.push(
      ...invalidEach(
        `${field}.service.name`,
        service.name,
        dns1035Label(service.name),
      ),
    );
  }
  const name = service.port?.name ?? '';
  const number = service.port?.number ?? 0;
  if (name !== '' && number !== 0) {
    errors.push(
      fieldInvalid(field, '', 'cannot set both port name & port number'),
    );
  } else if (name !== '') {
    errors.push(
      ...invalidEach(
        `${field}.service.port.name`,
        name,
        portName(String(name)),
      ),
    );
  } else if (number !== 0) {
    if (!Number.isInteger(number) || number < 1 || number > 65535) {
      errors.push(
        fieldInvalid(
          `${field}.service.port.number`,
          number,
          'must be between 1 and 65535, inclusive',
        ),
      );
    }
  } else {
    errors.push(fieldRequired(field, 'port name or number is required'));
  }
  return errors;
}

/** A TypedLocalObjectReference (resource backend) or the shared part of IngressClass parameters. */
function typedReferenceErrors(ref: KubeObject, field: string): FieldError[] {
  const errors: FieldError[] = [];
  if (isSet(ref.apiGroup)) {
    errors.push(
      ...invalidEach(
        `${field}.apiGroup`,
        ref.apiGroup,
        dns1123Subdomain(String(ref.apiGroup)),
      ),
    );
  }
  for (const key of ['kind', 'name']) {
    const value = ref[key];
    if (!isString(value) || value === '') {
      errors.push(fieldRequired(`${field}.${key}`));
    } else {
      errors.push(
        ...invalidEach(`${field}.${key}`, value, pathSegmentName(value)),
      );
    }
  }
  return errors;
}

function pathErrors(path: KubeObject, field: string): FieldError[] {
  const pathType = path?.pathType;
  if (!isSet(pathType)) {
    return [fieldRequired(`${field}.pathType`, 'pathType must be specified')];
  }
  const errors: FieldError[] = [];
  const value: string = isString(path.path) ? path.path : '';
  if (pathType === 'Exact' || pathType === 'Prefix') {
    if (!value.startsWith('/')) {
      errors.push(
        fieldInvalid(`${field}.path`, value, 'must be an absolute path'),
      );
    }
    for (const sequence of INVALID_PATH_SEQUENCES) {
      if (value.includes(sequence)) {
        errors.push(
          fieldInvalid(
            `${field}.path`,
            value,
            `must not contain '${sequence}'`,
          ),
        );
      }
    }
    for (const suffix of INVALID_PATH_SUFFIXES) {
      if (value.endsWith(suffix)) {
        errors.push(
          fieldInvalid(`${field}.path`, value, `cannot end with '${suffix}'`),
        );
      }
    }
  } else if (pathType === 'ImplementationSpecific') {
    if (value.length > 0 && !value.startsWith('/')) {
      errors.push(
        fieldInvalid(`${field}.path`, value, 'must be an absolute path'),
      );
    }
  } else {
    errors.push(notSupported(`${field}.pathType`, pathType, PATH_TYPES));
  }
  errors.push(...backendErrors(path.backend, `${field}.backend`));
  return errors;
}

function ruleErrors(rule: KubeObject, field: string): FieldError[] {
  const errors: FieldError[] = [];
  const host = rule?.host;
  if (isString(host) && host.length > 0) {
    if (parsesAsIp(host)) {
      errors.push(
        fieldInvalid(
          `${field}.host`,
          host,
          'must be a DNS name, not an IP address',
        ),
      );
    }
    const messages = host.includes('*')
      ? wildcardDns1123Subdomain(host)
      : dns1123Subdomain(host);
    errors.push(...invalidEach(`${field}.host`, host, messages));
  }
  if (isSet(rule?.http)) {
    const paths: KubeObject[] = Array.isArray(rule.http.paths)
      ? rule.http.paths
      : [];
    if (paths.length === 0) errors.push(fieldRequired(`${field}.http.paths`));
    paths.forEach((path, i) =>
      errors.push(...pathErrors(path, `${field}.http.paths[${i}]`)),
    );
  }
  return errors;
}

function tlsErrors(tls: KubeObject, field: string): FieldError[] {
  const errors: FieldError[] = [];
  const hosts: unknown[] = Array.isArray(tls?.hosts) ? tls.hosts : [];
  hosts.forEach((host, i) => {
    const value = String(host);
    const messages = value.includes('*')
      ? wildcardDns1123Subdomain(value)
      : dns1123Subdomain(value);
    errors.push(...invalidEach(`${field}.hosts[${i}]`, value, messages));
  });
  if (isString(tls?.secretName) && tls.secretName !== '') {
    errors.push(
      ...invalidEach(
        `${field}.secretName`,
        tls.secretName,
        dns1123Subdomain(tls.secretName),
      ),
    );
  }
  return errors;
}

function loadBalancerErrors(status: KubeObject | undefined): FieldError[] {
  const ingress: KubeObject[] = Array.isArray(status?.loadBalancer?.ingress)
    ? status!.loadBalancer.ingress
    : [];
  return ingress.flatMap((entry, i) => {
    const field = `status.loadBalancer.ingress[${i}]`;
    const errors: FieldError[] = [];
    if (isString(entry?.ip) && entry.ip !== '' && !parsesAsIp(entry.ip)) {
      errors.push(
        fieldInvalid(
          `${field}.ip`,
          entry.ip,
          'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
        ),
      );
    }
    if (isString(entry?.hostname) && entry.hostname !== '') {
      errors.push(
        ...invalidEach(
          `${field}.hostname`,
          entry.hostname,
          dns1123Subdomain(entry.hostname),
        ),
      );
      if (parsesAsIp(entry.hostname)) {
        errors.push(
          fieldInvalid(
            `${field}.hostname`,
            entry.hostname,
            'must be a DNS name, not an IP address',
          ),
        );
      }
    }
    return errors;
  });
}

/** An Ingress on create (no `old`) or update. */
export function ingressErrors(
  object: KubeObject,
  old?: KubeObject,
): FieldError[] {
  const spec = object.spec ?? {};
  const errors: FieldError[] = [];
  const rules: KubeObject[] = Array.isArray(spec.rules) ? spec.rules : [];
  if (rules.length === 0 && !isSet(spec.defaultBackend)) {
    errors.push(
      fieldInvalid(
        'spec',
        spec.rules,
        'either `defaultBackend` or `rules` must be specified',
      ),
    );
  }
  if (isSet(spec.defaultBackend)) {
    errors.push(...backendErrors(spec.defaultBackend, 'spec.defaultBackend'));
  }
  rules.forEach((rule, i) =>
    errors.push(...ruleErrors(rule, `spec.rules[${i}]`)),
  );
  const tls: KubeObject[] = Array.isArray(spec.tls) ? spec.tls : [];
  tls.forEach((entry, i) => errors.push(...tlsErrors(entry, `spec.tls[${i}]`)));
  if (isSet(spec.ingressClassName)) {
    errors.push(
      ...invalidEach(
        'spec.ingressClassName',
        spec.ingressClassName,
        dns1123Subdomain(String(spec.ingressClassName)),
      ),
    );
  }
  const annotation = object.metadata?.annotations?.[INGRESS_CLASS_ANNOTATION];
  if (
    !old &&
    annotation !== undefined &&
    isSet(spec.ingressClassName) &&
    annotation !== spec.ingressClassName
  ) {
    errors.push(
      fieldInvalid(
        `annotations.${INGRESS_CLASS_ANNOTATION}`,
        annotation,
        'must match `ingressClassName` when both are specified',
      ),
    );
  }
  errors.push(...loadBalancerErrors(object.status));
  return errors;
}

function controllerErrors(controller: unknown): FieldError[] {
  const field = 'spec.controller';
  if (!isString(controller) || controller === '') return [fieldRequired(field)];
  const errors: FieldError[] = [];
  if (controller.length > MAX_CONTROLLER_LENGTH) {
    errors.push({
      reason: 'FieldValueTooLong',
      field,
      detail: `Too long: may not be more than ${MAX_CONTROLLER_LENGTH} bytes`,
    });
  }
  const slash = controller.indexOf('/');
  const host = slash < 0 ? '' : controller.slice(0, slash);
  const path = slash < 0 ? '' : controller.slice(slash + 1);
  if (host === '' || path === '') {
    errors.push(
      fieldInvalid(
        field,
        controller,
        'must be a domain-prefixed path (such as "acme.io/foo")',
      ),
    );
    return errors;
  }
  errors.push(...invalidEach(field, host, dns1123Subdomain(host)));
  if (!HTTP_PATH.test(path)) {
    errors.push(
      fieldInvalid(
        field,
        path,
        "Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')",
      ),
    );
  }
  return errors;
}

function parametersErrors(parameters: KubeObject | undefined): FieldError[] {
  if (!isSet(parameters)) return [];
  const field = 'spec.parameters';
  const errors = typedReferenceErrors(parameters, field);
  const scope = parameters.scope;
  if (!isSet(scope)) {
    errors.push(fieldRequired(`${field}.scope`));
  } else if (!PARAMETER_SCOPES.includes(scope)) {
    errors.push(notSupported(`${field}.scope`, scope, PARAMETER_SCOPES));
  } else if (scope === 'Namespace') {
    if (!isSet(parameters.namespace)) {
      errors.push(
        fieldRequired(
          `${field}.namespace`,
          "`parameters.scope` is set to 'Namespace'",
        ),
      );
    } else {
      const namespace = String(parameters.namespace);
      const valid =
        namespace.length <= 63 &&
        /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(namespace);
      if (!valid) {
        errors.push(
          fieldInvalid(
            `${field}.namespace`,
            namespace,
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
          ),
        );
      }
    }
  } else if (isSet(parameters.namespace)) {
    errors.push(
      forbidden(`${field}.namespace`, "`parameters.scope` is set to 'Cluster'"),
    );
  }
  return errors;
}

/** An IngressClass on create (no `old`) or update: `spec.controller` may not change. */
export function ingressClassErrors(
  object: KubeObject,
  old?: KubeObject,
): FieldError[] {
  const errors: FieldError[] = [];
  const controller = object.spec?.controller;
  if (old && controller !== old.spec?.controller) {
    errors.push(
      fieldInvalid('spec.controller', controller, 'field is immutable'),
    );
  }
  errors.push(...controllerErrors(controller));
  errors.push(...parametersErrors(object.spec?.parameters));
  return errors;
}
