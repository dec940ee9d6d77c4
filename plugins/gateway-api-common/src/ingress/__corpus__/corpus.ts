/**
 * The shape of the migration corpus and the helpers its cases are written with. Each case is
 * an Ingress from ingress-nginx's annotation documentation (user guide, "Annotations", and the
 * examples it links), with what the translation must answer.
 */
import { Service } from '../../types/core';
import { Ingress, IngressClass } from '../../types/ingress';
import { KubernetesObject } from '../../types/meta';
import {
  AnnotationOutcome,
  IngressMigrationInput,
  MigrationTarget,
} from '../types';

/** One case of the corpus. */
export interface CorpusCase {
  name: string;
  /** The section of the ingress-nginx documentation the Ingress comes from. */
  doc: string;
  ingress: Ingress;
  others?: Ingress[];
  services?: Service[];
  configMaps?: Array<KubernetesObject & { data?: Record<string, string> }>;
  ingressClass?: IngressClass;
  annotationPrefix?: string;
  /** Changes to the default target (Envoy Gateway, Gateway gateway/shared, reuse the Secrets). */
  target?: Partial<MigrationTarget>;
  expect: {
    /** Every difference id the translation names, in any order. */
    differences: string[];
    /** The ids that keep it blocked once every acceptable difference is accepted. */
    refused?: string[];
    /** The outcome of each annotation of the Ingress: by name without prefix, or full key. */
    annotations?: Record<string, AnnotationOutcome>;
    /** Key fields of every object written once all acceptable differences are accepted, by `Kind/name`. */
    objects?: Record<string, object>;
  };
}

export const NAMESPACE = 'shop';
export const PREFIX = 'nginx.ingress.kubernetes.io';

/** The default target of the corpus. */
export const DEFAULT_TARGET: MigrationTarget = {
  parentRefs: [{ kind: 'Gateway', namespace: 'gateway', name: 'shared' }],
  implementation: 'envoy-gateway',
  tls: { mode: 'reuse-secret' },
};

/** ingress-nginx annotations, keys written without the prefix. */
export function nginx(
  annotations: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(annotations).map(([k, v]) => [
      k.includes('/') ? k : `${PREFIX}/${k}`,
      v,
    ]),
  );
}

/** A path: `[path, pathType, service, port]`. */
export type PathSpec = [string, string, string, number | string];

/** An Ingress rule of one host (undefined: every host). */
export function rule(host: string | undefined, ...paths: PathSpec[]) {
  return {
    ...(host === undefined ? {} : { host }),
    http: {
      paths: paths.map(([path, pathType, service, port]) => ({
        path,
        pathType,
        backend: {
          service: {
            name: service,
            port: typeof port === 'number' ? { number: port } : { name: port },
          },
        },
      })),
    },
  };
}

/** An Ingress of the corpus namespace. */
export function ingress(
  name: string,
  annotations: Record<string, string>,
  spec: Ingress['spec'],
): Ingress {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name,
      namespace: NAMESPACE,
      annotations: nginx(annotations),
    },
    spec: { ingressClassName: 'nginx', ...spec },
  };
}

/** The translation input of a case, with the given differences accepted. */
export function corpusInput(
  c: CorpusCase,
  acceptedDifferences: string[] = [],
): IngressMigrationInput {
  return {
    ingress: c.ingress,
    ...(c.others ? { otherIngresses: c.others } : {}),
    ...(c.services ? { services: c.services } : {}),
    ...(c.configMaps ? { configMaps: c.configMaps } : {}),
    ...(c.ingressClass ? { ingressClass: c.ingressClass } : {}),
    ...(c.annotationPrefix ? { annotationPrefix: c.annotationPrefix } : {}),
    target: { ...DEFAULT_TARGET, ...c.target, acceptedDifferences },
  };
}
