/** A Kubernetes object as stored and served: plain JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type KubeObject = Record<string, any>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JSONSchema = Record<string, any>;

export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  description?: string;
  priority?: number;
  format?: string;
}

export interface ServedVersion {
  name: string;
  storage: boolean;
  /** Structural OpenAPI v3 schema; absent for kinds validated in code only. */
  schema?: JSONSchema;
  statusSubresource: boolean;
  printerColumns: PrinterColumn[];
}

/** One API resource (a kind under a group), with all of its served versions. */
export interface ResourceType {
  group: string;
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  versions: ServedVersion[];
  /** Whether metadata.generation is maintained (CRDs and admission kinds). */
  hasGeneration: boolean;
}

export function storageVersion(type: ResourceType): ServedVersion {
  return type.versions.find(v => v.storage) ?? type.versions[0];
}

export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

export function splitApiVersion(apiVersion: string): {
  group: string;
  version: string;
} {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : {
        group: apiVersion.slice(0, slash),
        version: apiVersion.slice(slash + 1),
      };
}
