import {
  KubeObject,
  ResourceType,
  ServedVersion,
  splitApiVersion,
} from './types';

/** Looks resource types up by URL parts (group, version, plural) or by apiVersion + kind. */
export class Registry {
  private readonly byPlural = new Map<string, ResourceType>();
  private readonly byKind = new Map<string, ResourceType>();

  constructor(readonly types: ResourceType[]) {
    for (const type of types) {
      this.byPlural.set(`${type.group}/${type.plural}`, type);
      this.byKind.set(`${type.group}/${type.kind}`, type);
    }
  }

  /** Returns the type and served version for a URL, or undefined when not served. */
  resolve(
    group: string,
    version: string,
    plural: string,
  ): { type: ResourceType; version: ServedVersion } | undefined {
    const type = this.byPlural.get(`${group}/${plural}`);
    const served = type?.versions.find(v => v.name === version);
    return type && served ? { type, version: served } : undefined;
  }

  forObject(
    object: KubeObject,
  ): { type: ResourceType; version: ServedVersion } | undefined {
    if (typeof object.apiVersion !== 'string') return undefined;
    const { group, version } = splitApiVersion(object.apiVersion);
    const type = this.byKind.get(`${group}/${object.kind}`);
    const served = type?.versions.find(v => v.name === version);
    return type && served ? { type, version: served } : undefined;
  }

  byGroupKind(group: string, kind: string): ResourceType | undefined {
    return this.byKind.get(`${group}/${kind}`);
  }

  /** Groups in discovery order: core first, then the order types were registered. */
  groups(): string[] {
    return [...new Set(this.types.map(t => t.group))];
  }
}
