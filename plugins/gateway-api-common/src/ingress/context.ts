/**
 * What one translation works with: the Ingress, its annotations read, its differences, and the
 * resolution of hosts and backends every step shares.
 */
import { normaliseHostname } from '../hostname';
import { Ingress, IngressBackend } from '../types/ingress';
import { INGRESS_NGINX_ANNOTATION_PREFIX } from './annotationTable';
import { AnnotationReader, IngressFeatures } from './annotations';
import { DifferenceList } from './differences';
import {
  AnnotationMapping,
  HTTPBackendRef,
  HTTPHeaderMatch,
  HTTPPathMatch,
  IngressMigrationInput,
  PathMapping,
} from './types';

export const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;

/** A canary Ingress's say on one host and path. */
export interface CanaryRoute {
  ingress: string;
  backend: HTTPBackendRef;
  weight?: { canary: number; total: number };
  header?: HTTPHeaderMatch;
  /** canary-by-header without value: "always" goes to the canary, "never" to the main Service. */
  alwaysNever?: string;
}

/** One Ingress path on its way to a rule. */
export interface PathEntry {
  host?: string;
  match: HTTPPathMatch;
  backend: HTTPBackendRef;
  rewrite?: { type: 'prefix' | 'full'; value: string };
  canary?: CanaryRoute;
  mapping: PathMapping;
}

export function ingressRef(ingress: Ingress): string {
  return `${ingress.metadata?.namespace ?? ''}/${ingress.metadata?.name ?? ''}`;
}

export function backendLabel(backend: IngressBackend | undefined): string {
  if (backend?.service) {
    const port = backend.service.port;
    return `Service ${backend.service.name}:${
      port?.number ?? port?.name ?? '?'
    }`;
  }
  if (backend?.resource) {
    return `${backend.resource.kind ?? 'resource'} ${
      backend.resource.name ?? ''
    }`;
  }
  return 'no backend';
}

export function uniq<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** Everything one call of translateIngress works with. */
export class Translation {
  readonly ingress: Ingress;
  readonly namespace: string;
  readonly name: string;
  readonly ref: string;
  readonly prefix: string;
  readonly differences: DifferenceList;
  readonly reader: AnnotationReader;
  readonly features: IngressFeatures;
  readonly extraAnnotationLines: AnnotationMapping[] = [];
  readonly paths: PathMapping[] = [];

  constructor(readonly input: IngressMigrationInput) {
    this.ingress = input.ingress;
    this.namespace = input.ingress.metadata?.namespace ?? '';
    this.name = input.ingress.metadata?.name ?? '';
    if (!this.namespace || !this.name) {
      throw new Error('The Ingress to migrate needs a name and a namespace.');
    }
    if (!input.target.parentRefs.length) {
      throw new Error(
        'The migration needs at least one parentRef to attach routes to.',
      );
    }
    this.ref = ingressRef(input.ingress);
    this.prefix = input.annotationPrefix ?? INGRESS_NGINX_ANNOTATION_PREFIX;
    this.differences = new DifferenceList(
      new Set(input.target.acceptedDifferences ?? []),
    );
    this.reader = new AnnotationReader(
      input,
      input.ingress.metadata?.annotations ?? {},
      this.prefix,
      this.differences,
    );
    this.features = this.reader.read();
  }

  nginx(ingress: Ingress, name: string): string | undefined {
    return ingress.metadata?.annotations?.[`${this.prefix}/${name}`];
  }

  others(): Ingress[] {
    return (this.input.otherIngresses ?? []).filter(
      other => ingressRef(other) !== this.ref,
    );
  }

  host(raw: string | undefined): string | undefined | null {
    if (raw === undefined || raw === '') return undefined;
    const result = normaliseHostname(raw, { allowWildcard: true });
    if (result.ok) return result.hostname;
    this.differences.add('invalid-host', {
      subject: raw,
      acceptable: false,
      message: `Host "${raw}" cannot be a route hostname: ${result.reason}`,
    });
    return null;
  }

  /** A Service backend with a port number, or why not (reported). */
  backend(
    backend: IngressBackend | undefined,
    subject: string,
  ): HTTPBackendRef | string {
    if (backend?.resource || !backend?.service?.name) {
      return this.differences.add('unsupported-backend', {
        subject,
        acceptable: false,
        message: `${subject} sends requests to ${backendLabel(
          backend,
        )}; an HTTPRoute can only send them to a Service. Change the backend to a Service first.`,
      });
    }
    const { name, port } = backend.service;
    if (port?.number && port.number >= 1 && port.number <= 65535) {
      return { name, port: port.number };
    }
    if (port?.number !== undefined) {
      return this.differences.add('unsupported-backend', {
        subject,
        acceptable: false,
        message: `${subject} uses port ${port.number} of Service ${name}, which is not a port number (1-65535).`,
      });
    }
    const service = this.input.services?.find(
      s =>
        s.metadata?.namespace === this.namespace && s.metadata?.name === name,
    );
    const number = service?.spec?.ports?.find(p => p.name === port?.name)?.port;
    if (number) return { name, port: number };
    return this.differences.add('unsupported-backend', {
      subject,
      acceptable: false,
      message: `${subject} uses the port named "${
        port?.name ?? ''
      }" of Service ${name}, whose number is unknown; an HTTPRoute needs the port number (give the migration the Service, or use a port number).`,
    });
  }
}
