import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

const EXAMPLES = path.resolve(__dirname, '../../../../examples');

/** The ref of the `web` component a test tenant's owner group owns (see {@link exampleCatalog}). */
export const webComponentOf = (group: string) =>
  `component:default/web-${group}`;

/**
 * The demo portal's catalog (components, groups, users), as the actions read it, plus a `web`
 * component for each of `webOwners` (groups that own test tenants), owned by that group.
 */
export function exampleCatalog(options: { webOwners?: string[] } = {}) {
  const examples = ['entities.yaml', 'org.yaml'].flatMap(file =>
    parseAllDocuments(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'))
      .map(doc => doc.toJS() as Entity | null)
      .filter((e): e is Entity => Boolean(e?.kind)),
  );
  const webs = (options.webOwners ?? []).map(
    (group): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: `web-${group}`, namespace: 'default' },
      spec: { type: 'service', lifecycle: 'experimental', owner: group },
    }),
  );
  return catalogServiceMock({ entities: [...examples, ...webs] });
}
