/** A Kubernetes `Status` failure, thrown by handlers and written as the response body. */

export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  toStatus() {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

/** Identifies a resource in messages: `gateways.gateway.networking.k8s.io` or `services`. */
export interface ResourceRef {
  group: string;
  plural: string;
  kind: string;
}

function qualified(ref: ResourceRef): string {
  return ref.group ? `${ref.plural}.${ref.group}` : ref.plural;
}

export function notFound(ref: ResourceRef, name: string): StatusError {
  return new StatusError(
    404,
    'NotFound',
    `${qualified(ref)} "${name}" not found`,
    { name, group: ref.group, kind: ref.plural },
  );
}

export function alreadyExists(ref: ResourceRef, name: string): StatusError {
  return new StatusError(
    409,
    'AlreadyExists',
    `${qualified(ref)} "${name}" already exists`,
    { name, group: ref.group, kind: ref.plural },
  );
}

export function conflict(
  ref: ResourceRef,
  name: string,
  why: string,
  causes?: StatusCause[],
): StatusError {
  return new StatusError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualified(ref)} "${name}": ${why}`,
    { name, group: ref.group, kind: ref.plural, ...(causes ? { causes } : {}) },
  );
}

/** A field-level validation failure, formatted like apimachinery's field.Error. */
export interface FieldError {
  reason: string;
  field: string;
  detail: string;
}

export function invalid(
  ref: ResourceRef,
  name: string,
  errors: FieldError[],
): StatusError {
  const kindName = ref.group ? `${ref.kind}.${ref.group}` : ref.kind;
  const lines = errors.map(e => `${e.field}: ${e.detail}`);
  const summary = lines.length === 1 ? lines[0] : `[${lines.join(', ')}]`;
  return new StatusError(
    422,
    'Invalid',
    `${kindName} "${name}" is invalid: ${summary}`,
    {
      name,
      group: ref.group,
      kind: ref.kind,
      causes: errors.map(e => ({
        reason: e.reason,
        message: e.detail,
        field: e.field,
      })),
    },
  );
}

export function badRequest(message: string): StatusError {
  return new StatusError(400, 'BadRequest', message);
}

export function methodNotAllowed(message: string): StatusError {
  return new StatusError(405, 'MethodNotAllowed', message);
}

export function unsupportedMediaType(contentType: string): StatusError {
  return new StatusError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got "${contentType}")`,
  );
}

export function gone(message: string): StatusError {
  return new StatusError(410, 'Expired', message);
}

export function unauthorized(): StatusError {
  return new StatusError(401, 'Unauthorized', 'Unauthorized');
}

export function tooManyRequests(retryAfterSeconds: number): StatusError {
  return new StatusError(
    429,
    'TooManyRequests',
    'the server has received too many requests and has asked us to try again later',
    { retryAfterSeconds },
  );
}

export function internalError(message: string): StatusError {
  return new StatusError(
    500,
    'InternalError',
    `Internal error occurred: ${message}`,
  );
}

/** Renders a value the way apimachinery prints it in `Invalid value: ...`. */
export function printValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return JSON.stringify(value);
  if (typeof value === 'object') return '"object"';
  return String(value);
}

export function fieldInvalid(
  field: string,
  value: unknown,
  detail: string,
): FieldError {
  return {
    reason: 'FieldValueInvalid',
    field,
    detail: `Invalid value: ${printValue(value)}: ${detail}`,
  };
}

export function fieldRequired(field: string, detail = ''): FieldError {
  return {
    reason: 'FieldValueRequired',
    field,
    detail: detail ? `Required value: ${detail}` : 'Required value',
  };
}
