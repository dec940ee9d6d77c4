import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { TenantRecord } from '../tenants/tenantFromNamespace';

/** How far up `spec.parent` a group may sit below the tenant's owner group. */
const MAX_GROUP_DEPTH = 10;

type Catalog = Pick<CatalogService, 'getEntityByRef'>;

/**
 * A tenant's routes may carry only entities its owner group owns: the entity's owner must be the
 * tenant's owner group or a group beneath it (by `spec.parent`). Without this check a member of
 * one team could put its hostname on another team's component page. The catalog is read with the
 * initiator's credentials, so an entity the user cannot see cannot be claimed either.
 */
export async function checkEntityOwnership(
  catalog: Catalog,
  ctx: { getInitiatorCredentials(): Promise<BackstageCredentials> },
  entityRef: string,
  tenant: Pick<TenantRecord, 'name' | 'ownerGroup'>,
): Promise<string> {
  const credentials = await ctx.getInitiatorCredentials();
  const ref = parseRef(entityRef, 'component', 'default');
  const entity = await catalog.getEntityByRef(ref, { credentials });
  if (!entity) {
    throw new InputError(
      `Entity "${ref}" is not in the catalog, or you may not see it; pick a component your team owns.`,
    );
  }
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || owner === '') {
    throw new NotAllowedError(
      `Entity "${ref}" has no owner, so it cannot be exposed under tenant "${tenant.name}"; set spec.owner to ${tenant.ownerGroup} or a group beneath it.`,
    );
  }
  const ownerRef = parseRef(
    owner,
    'group',
    entity.metadata.namespace ?? 'default',
  );
  const tenantOwner = parseRef(tenant.ownerGroup, 'group', 'default');
  if (!(await isGroupWithin(catalog, credentials, ownerRef, tenantOwner))) {
    throw new NotAllowedError(
      `Entity "${ref}" is owned by ${ownerRef}, which is not ${tenantOwner} (the owner of tenant "${tenant.name}") nor a group beneath it; expose only entities your tenant's owner group owns.`,
    );
  }
  return ref;
}

function parseRef(ref: string, defaultKind: string, defaultNamespace: string) {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, { defaultKind, defaultNamespace }),
    );
  } catch {
    throw new InputError(
      `"${ref}" is not an entity reference; write it as kind:namespace/name, e.g. component:default/checkout.`,
    );
  }
}

/** Whether `group` is `ancestor` or lies beneath it, following `spec.parent`. */
async function isGroupWithin(
  catalog: Catalog,
  credentials: BackstageCredentials,
  group: string,
  ancestor: string,
): Promise<boolean> {
  let current: string | undefined = group;
  for (let depth = 0; current && depth <= MAX_GROUP_DEPTH; depth++) {
    if (current === ancestor) return true;
    if (!current.startsWith('group:')) return false;
    const entity: Entity | undefined = await catalog.getEntityByRef(current, {
      credentials,
    });
    const parent = entity?.spec?.parent;
    current =
      typeof parent === 'string' && parent
        ? parseRef(parent, 'group', entity?.metadata.namespace ?? 'default')
        : undefined;
  }
  return false;
}
