import { KubeObject, ResourceType } from '../api/types';
import { Registry } from '../api/registry';
import { compareVersionPriority } from '../api/versionPriority';

const verbs = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

export const serverVersion = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0-gatehouse-dev-cluster',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.23.0',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export function apiVersions(address: string): KubeObject {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [
      { clientCIDR: '0.0.0.0/0', serverAddress: address },
    ],
  };
}

function groupVersions(registry: Registry, group: string): string[] {
  const versions = new Set<string>();
  for (const type of registry.types) {
    if (type.group === group) type.versions.forEach(v => versions.add(v.name));
  }
  return [...versions].sort(compareVersionPriority);
}

export function apiGroup(
  registry: Registry,
  group: string,
): KubeObject | undefined {
  const versions = groupVersions(registry, group);
  if (!versions.length) return undefined;
  const entries = versions.map(v => ({
    groupVersion: `${group}/${v}`,
    version: v,
  }));
  return {
    kind: 'APIGroup',
    apiVersion: 'v1',
    name: group,
    versions: entries,
    preferredVersion: entries[0],
  };
}

export function apiGroupList(registry: Registry): KubeObject {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: registry
      .groups()
      .filter(g => g !== '')
      .map(g => {
        const { kind: _k, apiVersion: _a, ...group } = apiGroup(registry, g)!;
        return group;
      }),
  };
}

function resourceEntries(type: ResourceType, version: string): KubeObject[] {
  const served = type.versions.find(v => v.name === version)!;
  const main: KubeObject = {
    name: type.plural,
    singularName: type.singular,
    namespaced: type.namespaced,
    kind: type.kind,
    verbs,
    ...(type.shortNames.length ? { shortNames: type.shortNames } : {}),
    ...(type.categories.length ? { categories: type.categories } : {}),
  };
  if (!served.statusSubresource) return [main];
  return [
    main,
    {
      name: `${type.plural}/status`,
      singularName: '',
      namespaced: type.namespaced,
      kind: type.kind,
      verbs: ['get', 'patch', 'update'],
    },
  ];
}

export function apiResourceList(
  registry: Registry,
  group: string,
  version: string,
): KubeObject | undefined {
  const types = registry.types.filter(
    t => t.group === group && t.versions.some(v => v.name === version),
  );
  if (!types.length) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources: types.flatMap(t => resourceEntries(t, version)),
  };
}
