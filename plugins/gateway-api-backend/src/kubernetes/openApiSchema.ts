/**
 * What a cluster's published OpenAPI v3 schemas say a kind takes: read from the document the
 * API server serves per group version (`/openapi/v3/apis/<group>/<version>`), where each kind's
 * schema (a CRD's structural schema, enums included) carries `x-kubernetes-group-version-kind`.
 */

type Schema = {
  $ref?: string;
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  'x-kubernetes-group-version-kind'?: Array<{
    group?: string;
    version?: string;
    kind?: string;
  }>;
};

type Document = { components?: { schemas?: Record<string, Schema> } };

/** The schema of one kind at one version in the document, if it has one. */
export function kindSchema(
  document: unknown,
  group: string,
  version: string,
  kind: string,
): Schema | undefined {
  const schemas = (document as Document | undefined)?.components?.schemas;
  if (!schemas || typeof schemas !== 'object') return undefined;
  return Object.values(schemas).find(schema =>
    (schema?.['x-kubernetes-group-version-kind'] ?? []).some(
      gvk =>
        (gvk.group ?? '') === group &&
        gvk.version === version &&
        gvk.kind === kind,
    ),
  );
}

/**
 * The schema at a path of property names (`[]` steps into an array's items), following `$ref`
 * and `allOf` as the API server may publish them.
 */
export function schemaAt(
  document: unknown,
  root: Schema | undefined,
  path: string[],
): Schema | undefined {
  const schemas = (document as Document | undefined)?.components?.schemas;
  const resolve = (schema: Schema | undefined, depth = 0): Schema[] => {
    if (!schema || depth > 8) return [];
    const referenced = schema.$ref?.startsWith('#/components/schemas/')
      ? resolve(
          schemas?.[schema.$ref.slice('#/components/schemas/'.length)],
          depth + 1,
        )
      : [];
    return [
      schema,
      ...referenced,
      ...(schema.allOf ?? []).flatMap(s => resolve(s, depth + 1)),
    ];
  };
  let current = root;
  for (const step of path) {
    const candidates = resolve(current);
    current =
      step === '[]'
        ? candidates.find(s => s.items)?.items
        : candidates.find(s => s.properties?.[step])?.properties?.[step];
    if (!current) return undefined;
  }
  return resolve(current).find(s => s.enum) ?? current;
}

/**
 * The status codes an HTTPRoute's RequestRedirect takes, from its schema's `statusCode` enum;
 * undefined when the document has no HTTPRoute at that version, or no enum there.
 */
export function requestRedirectStatusCodes(
  document: unknown,
  group: string,
  version: string,
): number[] | undefined {
  const route = kindSchema(document, group, version, 'HTTPRoute');
  const statusCode = schemaAt(document, route, [
    'spec',
    'rules',
    '[]',
    'filters',
    '[]',
    'requestRedirect',
    'statusCode',
  ]);
  const codes = statusCode?.enum?.filter(
    (c): c is number => typeof c === 'number',
  );
  return codes?.length ? codes : undefined;
}
