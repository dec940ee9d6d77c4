import { KubeObject, PrinterColumn, ServedVersion } from '../api/types';

/** kubectl asks for `application/json;as=Table;v=v1;g=meta.k8s.io` to print server-side columns. */
export function wantsTable(accept: string | undefined): boolean {
  return Boolean(accept && /as=Table/.test(accept));
}

/** Evaluates the JSONPath subset CRD printer columns use: `.a.b`, `[*]`, `[0]` and `[?(@.k=="v")]`. */
export function jsonPath(object: unknown, path: string): unknown[] {
  const tokens = path.match(/\.[^.[]+|\[[^\]]*\]/g) ?? [];
  let nodes: unknown[] = [object];
  for (const token of tokens) {
    const next: unknown[] = [];
    for (const node of nodes) {
      if (node === undefined || node === null) continue;
      if (token.startsWith('.')) {
        next.push((node as KubeObject)[token.slice(1)]);
      } else if (token === '[*]') {
        if (Array.isArray(node)) next.push(...node);
      } else if (/^\[\d+\]$/.test(token)) {
        if (Array.isArray(node)) next.push(node[Number(token.slice(1, -1))]);
      } else {
        const m = /^\[\?\(@\.([\w.-]+)\s*==\s*["']([^"']*)["']\)\]$/.exec(
          token,
        );
        if (m && Array.isArray(node)) {
          next.push(...node.filter(item => String(item?.[m[1]]) === m[2]));
        }
      }
    }
    nodes = next.filter(n => n !== undefined);
  }
  return nodes;
}

function age(timestamp: string | undefined): string {
  if (!timestamp) return '<unknown>';
  const seconds = Math.max(
    0,
    Math.floor((Date.now() - Date.parse(timestamp)) / 1000),
  );
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 172800) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86400)}d`;
}

function cell(object: KubeObject, column: PrinterColumn): unknown {
  if (column.jsonPath === '.metadata.creationTimestamp')
    return age(object.metadata?.creationTimestamp);
  const values = jsonPath(object, column.jsonPath);
  if (!values.length) return null;
  return values
    .map(v => (typeof v === 'object' ? JSON.stringify(v) : String(v)))
    .join(',');
}

/** A meta.k8s.io/v1 Table with the CRD's printer columns, or Name and Age for other kinds. */
export function toTable(
  version: ServedVersion,
  objects: KubeObject[],
  metadata: KubeObject,
): KubeObject {
  const columns: PrinterColumn[] = [
    {
      name: 'Name',
      type: 'string',
      format: 'name',
      jsonPath: '.metadata.name',
      description: 'Name must be unique within a namespace.',
    },
    ...(version.printerColumns.length
      ? version.printerColumns
      : [
          {
            name: 'Age',
            type: 'date',
            jsonPath: '.metadata.creationTimestamp',
          },
        ]),
  ];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: columns.map(c => ({
      name: c.name,
      type: c.type,
      format: c.format ?? '',
      description: c.description ?? '',
      priority: c.priority ?? 0,
    })),
    rows: objects.map(object => ({
      cells: columns.map(c => cell(object, c)),
      object: {
        kind: 'PartialObjectMetadata',
        apiVersion: 'meta.k8s.io/v1',
        metadata: object.metadata,
      },
    })),
  };
}
