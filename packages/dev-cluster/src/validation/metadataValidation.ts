import { KubeObject, ResourceType } from '../api/types';
import { FieldError, fieldInvalid, fieldRequired } from '../api/status';

const subdomain =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const qualifiedName = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const labelValue = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

const subdomainMessage =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const labelMessage =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

function validKey(key: string): boolean {
  const parts = key.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1];
  if (name.length > 63 || !qualifiedName.test(name)) return false;
  return (
    parts.length === 1 || (parts[0].length <= 253 && subdomain.test(parts[0]))
  );
}

/** ObjectMeta validation shared by every kind: name, namespace, labels and annotation keys. */
export function metadataErrors(
  type: ResourceType,
  object: KubeObject,
): FieldError[] {
  const errors: FieldError[] = [];
  const meta = object.metadata ?? {};
  const name: unknown = meta.name;
  if (!name) {
    errors.push(
      fieldRequired('metadata.name', 'name or generateName is required'),
    );
  } else if (type.kind === 'Namespace' || type.kind === 'Service') {
    if (typeof name !== 'string' || name.length > 63 || !label.test(name)) {
      errors.push(fieldInvalid('metadata.name', name, labelMessage));
    }
  } else if (
    typeof name !== 'string' ||
    name.length > 253 ||
    !subdomain.test(name)
  ) {
    errors.push(fieldInvalid('metadata.name', name, subdomainMessage));
  }
  for (const [key, value] of Object.entries(
    (meta.labels ?? {}) as Record<string, unknown>,
  )) {
    if (!validKey(key))
      errors.push(
        fieldInvalid(
          'metadata.labels',
          key,
          "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        ),
      );
    if (
      typeof value !== 'string' ||
      value.length > 63 ||
      !labelValue.test(value)
    ) {
      errors.push(
        fieldInvalid(
          'metadata.labels',
          value,
          "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        ),
      );
    }
  }
  for (const key of Object.keys(meta.annotations ?? {})) {
    if (!validKey(key))
      errors.push(
        fieldInvalid(
          'metadata.annotations',
          key,
          "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        ),
      );
  }
  return errors;
}
