import { PrinterColumn, ResourceType } from './types';

function builtin(
  group: string,
  version: string,
  kind: string,
  plural: string,
  namespaced: boolean,
  extra: Partial<ResourceType> & {
    statusSubresource?: boolean;
    printerColumns?: PrinterColumn[];
  } = {},
): ResourceType {
  const { statusSubresource = false, printerColumns = [], ...rest } = extra;
  return {
    group,
    kind,
    listKind: `${kind}List`,
    plural,
    singular: kind.toLowerCase(),
    namespaced,
    shortNames: [],
    categories: [],
    versions: [
      { name: version, storage: true, statusSubresource, printerColumns },
    ],
    hasGeneration: false,
    ...rest,
  };
}

const age: PrinterColumn = {
  name: 'Age',
  type: 'date',
  jsonPath: '.metadata.creationTimestamp',
};

/** The built-in kinds Gatehouse needs; their validation lives in code (see builtinValidation). */
export const builtinTypes: ResourceType[] = [
  builtin('', 'v1', 'Namespace', 'namespaces', false, {
    shortNames: ['ns'],
    statusSubresource: true,
    printerColumns: [
      { name: 'Status', type: 'string', jsonPath: '.status.phase' },
      age,
    ],
  }),
  builtin('', 'v1', 'Service', 'services', true, {
    shortNames: ['svc'],
    categories: ['all'],
    statusSubresource: true,
    printerColumns: [
      { name: 'Type', type: 'string', jsonPath: '.spec.type' },
      { name: 'Cluster-IP', type: 'string', jsonPath: '.spec.clusterIP' },
      { name: 'Port(s)', type: 'string', jsonPath: '.spec.ports[*].port' },
      age,
    ],
  }),
  builtin('', 'v1', 'Secret', 'secrets', true, {
    printerColumns: [{ name: 'Type', type: 'string', jsonPath: '.type' }, age],
  }),
  builtin('', 'v1', 'ConfigMap', 'configmaps', true, { shortNames: ['cm'] }),
  builtin('networking.k8s.io', 'v1', 'Ingress', 'ingresses', true, {
    shortNames: ['ing'],
    statusSubresource: true,
    hasGeneration: true,
    printerColumns: [
      { name: 'Class', type: 'string', jsonPath: '.spec.ingressClassName' },
      { name: 'Hosts', type: 'string', jsonPath: '.spec.rules[*].host' },
      {
        name: 'Address',
        type: 'string',
        jsonPath: '.status.loadBalancer.ingress[*].ip',
      },
      age,
    ],
  }),
  builtin('networking.k8s.io', 'v1', 'IngressClass', 'ingressclasses', false, {
    hasGeneration: true,
    printerColumns: [
      { name: 'Controller', type: 'string', jsonPath: '.spec.controller' },
      {
        name: 'Parameters',
        type: 'string',
        jsonPath: '.spec.parameters.name',
      },
      age,
    ],
  }),
  builtin(
    'admissionregistration.k8s.io',
    'v1',
    'ValidatingAdmissionPolicy',
    'validatingadmissionpolicies',
    false,
    { statusSubresource: true, hasGeneration: true },
  ),
  builtin(
    'admissionregistration.k8s.io',
    'v1',
    'ValidatingAdmissionPolicyBinding',
    'validatingadmissionpolicybindings',
    false,
    { hasGeneration: true },
  ),
];
