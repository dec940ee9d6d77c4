import {
  Entity,
  parseEntityRef,
  RELATION_HAS_PART,
  RELATION_PART_OF,
} from '@backstage/catalog-model';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import { ENTITY_ANNOTATIONS } from './entities';

/**
 * Emits `partOf`/`hasPart` between a Gateway and its tenant, and a tenant and its parent. The
 * catalog's built-in processor only derives partOf from `spec.system`, which would force tenants
 * to be Systems; an annotation keeps them Resources with the relation the model needs.
 */
export class GatewayApiPartOfProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'GatewayApiPartOfProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const target = entity.metadata.annotations?.[ENTITY_ANNOTATIONS.partOf];
    if (entity.kind !== 'Resource' || !target) return entity;
    const self = {
      kind: entity.kind,
      namespace: entity.metadata.namespace ?? 'default',
      name: entity.metadata.name,
    };
    const parent = parseEntityRef(target);
    emit(
      processingResult.relation({
        source: self,
        type: RELATION_PART_OF,
        target: parent,
      }),
    );
    emit(
      processingResult.relation({
        source: parent,
        type: RELATION_HAS_PART,
        target: self,
      }),
    );
    return entity;
  }
}
