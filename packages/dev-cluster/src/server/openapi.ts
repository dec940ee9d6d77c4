import { createHash } from 'node:crypto';
import { JSONSchema, KubeObject, ResourceType } from '../api/types';
import { Registry } from '../api/registry';

/** Definition names follow the apiserver: reversed group, version, kind. */
export function definitionName(type: ResourceType, version: string): string {
  if (!type.group) return `io.k8s.api.core.${version}.${type.kind}`;
  const reversed = type.group.split('.').reverse().join('.');
  return `${reversed}.${version}.${type.kind}`;
}

function schemaFor(type: ResourceType, version: string): JSONSchema {
  const served = type.versions.find(v => v.name === version)!;
  const gvk = [{ group: type.group, version, kind: type.kind }];
  const base = served.schema ?? {
    type: 'object',
    'x-kubernetes-preserve-unknown-fields': true,
  };
  return { ...base, 'x-kubernetes-group-version-kind': gvk };
}

function groupVersionPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

const writeParameters = [
  'dryRun',
  'fieldManager',
  'fieldValidation',
  'force',
].map(name => ({
  name,
  in: 'query',
  schema: { type: name === 'force' ? 'boolean' : 'string', uniqueItems: true },
}));

/**
 * The item path of a resource with its PATCH operation. kubectl looks for the
 * fieldValidation parameter here to decide that the server validates (instead of itself).
 */
function itemPath(type: ResourceType, version: string): [string, KubeObject] {
  const base = `/${groupVersionPath(type.group, version)}`;
  const scope = type.namespaced ? '/namespaces/{namespace}' : '';
  const gvk = { group: type.group, version, kind: type.kind };
  const ref = { $ref: `#/components/schemas/${definitionName(type, version)}` };
  const ok = {
    description: 'OK',
    content: { 'application/json': { schema: ref } },
  };
  return [
    `${base}${scope}/${type.plural}/{name}`,
    {
      get: {
        'x-kubernetes-action': 'get',
        'x-kubernetes-group-version-kind': gvk,
        responses: { '200': ok },
      },
      put: {
        'x-kubernetes-action': 'put',
        'x-kubernetes-group-version-kind': gvk,
        parameters: writeParameters,
        responses: { '200': ok },
      },
      patch: {
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': gvk,
        parameters: writeParameters,
        responses: { '200': ok },
      },
    },
  ];
}

/** One OpenAPI v3 document per group version, as served under /openapi/v3/<path>. */
export class OpenApiDocs {
  private readonly docs = new Map<string, { json: string; hash: string }>();

  constructor(registry: Registry) {
    const grouped = new Map<
      string,
      { paths: KubeObject; schemas: KubeObject }
    >();
    for (const type of registry.types) {
      for (const v of type.versions) {
        const path = groupVersionPath(type.group, v.name);
        let doc = grouped.get(path);
        if (!doc) {
          doc = { paths: {}, schemas: {} };
          grouped.set(path, doc);
        }
        doc.schemas[definitionName(type, v.name)] = schemaFor(type, v.name);
        const [itemUrl, operations] = itemPath(type, v.name);
        doc.paths[itemUrl] = operations;
      }
    }
    for (const [path, { paths, schemas }] of grouped) {
      const json = JSON.stringify({
        openapi: '3.0.0',
        info: { title: 'Kubernetes', version: 'v1.32.0' },
        paths,
        components: { schemas },
      });
      const hash = createHash('sha512')
        .update(json)
        .digest('hex')
        .slice(0, 128)
        .toUpperCase();
      this.docs.set(path, { json, hash });
    }
  }

  root(): KubeObject {
    const paths: KubeObject = {};
    for (const [path, { hash }] of this.docs) {
      paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${hash}` };
    }
    return { paths };
  }

  document(path: string): string | undefined {
    return this.docs.get(path)?.json;
  }
}
