import { KubernetesObject } from '../types';

/** The one object of a kind and name in a builder's output; fails loudly when absent or repeated. */
export function find(
  objects: KubernetesObject[],
  kind: string,
  name: string,
): any {
  const matches = objects.filter(
    o => o.kind === kind && o.metadata.name === name,
  );
  if (matches.length !== 1) {
    throw new Error(
      `expected one ${kind} ${name}, found ${matches.length} in ${objects
        .map(o => `${o.kind}/${o.metadata.name}`)
        .join(', ')}`,
    );
  }
  return matches[0];
}

export function kinds(objects: KubernetesObject[]): string[] {
  return objects.map(
    o => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`,
  );
}
