import {
  KubeObject,
  ResourceType,
  ServedVersion,
  apiVersionOf,
  storageVersion,
} from '../api/types';
import {
  StatusError,
  alreadyExists,
  badRequest,
  conflict,
  invalid,
  notFound,
} from '../api/status';
import { ObjectStore, keyOf, objectKey } from '../store/objectStore';
import { ListOptions, ListPage, listPage } from './listPage';
import { TypeValidator } from '../validation/typeValidator';
import { AuthenticatedUser } from '../auth/authorizer';
import {
  Operation,
  ValidatingAdmission,
} from '../admission/validatingAdmission';
import {
  FieldOwner,
  recordUpdate,
  serverSideApply,
} from '../ssa/managedFields';
import { jsonPatch, mergePatch } from '../api/patch';
import { strategicMergePatch } from '../api/strategicMerge';
import { applyBuiltinDefaults } from './builtinDefaults';
import {
  generateName,
  isNoop,
  newMetadata,
  specChanged,
  timestamp,
} from './objectMeta';

/** One accepted (non-dry-run) write, for tests that assert what was or was not written. */
export interface WriteRecord {
  verb: 'create' | 'update' | 'patch' | 'delete';
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  user: string;
  subresource?: string;
}

/** Who writes and how: the parts of a request every write needs. */
export interface WriteContext {
  user: AuthenticatedUser;
  dryRun: boolean;
  fieldManager: string;
  /** Strict rejects unknown fields, Warn reports them, Ignore drops them silently. */
  fieldValidation: 'Strict' | 'Warn' | 'Ignore';
  warnings: string[];
}

export interface Target {
  type: ResourceType;
  version: ServedVersion;
  namespace?: string;
  subresource?: string;
}

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export class ResourceService {
  readonly writes: WriteRecord[] = [];
  /** The namespace whose contents are being deleted in bulk; checked once at the end instead. */
  private draining?: string;

  constructor(
    private readonly store: ObjectStore,
    private readonly validators: Map<ResourceType, TypeValidator>,
    private readonly admission: ValidatingAdmission,
    private readonly namespaces: ResourceType,
    private readonly namespacedTypes: () => ResourceType[],
  ) {}

  /** Sets apiVersion for the version the client asked for; storage is version-agnostic. */
  present(object: KubeObject, t: Target): KubeObject {
    const apiVersion = apiVersionOf(t.type.group, t.version.name);
    return object.apiVersion === apiVersion
      ? object
      : { ...object, apiVersion };
  }

  exists(t: Target, name: string): boolean {
    return this.store.get(t.type, objectKey(t.namespace, name)) !== undefined;
  }

  get(t: Target, name: string): KubeObject {
    const object = this.store.get(t.type, objectKey(t.namespace, name));
    if (!object) throw notFound(t.type, name);
    return object;
  }

  list(t: Target, options: ListOptions): ListPage {
    return listPage(this.store, t.type, t.namespace, options);
  }

  private validate(
    t: Target,
    object: KubeObject,
    old: KubeObject | undefined,
    ctx: WriteContext,
  ): void {
    const { errors, pruned } = this.validators
      .get(t.type)!
      .validate(t.version, object, old);
    if (pruned.length && ctx.fieldValidation === 'Strict') {
      throw badRequest(
        `strict decoding error: ${pruned
          .map(p => `unknown field "${p}"`)
          .join(', ')}`,
      );
    }
    if (pruned.length && ctx.fieldValidation === 'Warn') {
      ctx.warnings.push(...pruned.map(p => `unknown field "${p}"`));
    }
    if (errors.length)
      throw invalid(t.type, object.metadata?.name ?? '', errors);
  }

  private admit(
    t: Target,
    operation: Operation,
    object: KubeObject | undefined,
    old: KubeObject | undefined,
    ctx: WriteContext,
  ): void {
    const subject = object ?? old!;
    ctx.warnings.push(
      ...this.admission.admit({
        operation,
        type: t.type,
        version: t.version.name,
        subresource: t.subresource,
        namespace: subject.metadata.namespace,
        name: subject.metadata.name,
        object,
        oldObject: old,
        user: ctx.user,
        dryRun: ctx.dryRun,
      }),
    );
  }

  private record(
    t: Target,
    verb: WriteRecord['verb'],
    object: KubeObject,
    ctx: WriteContext,
  ): void {
    this.writes.push({
      verb,
      apiVersion: apiVersionOf(t.type.group, t.version.name),
      kind: t.type.kind,
      ...(object.metadata.namespace
        ? { namespace: object.metadata.namespace }
        : {}),
      name: object.metadata.name,
      user: ctx.user.username,
      ...(t.subresource ? { subresource: t.subresource } : {}),
    });
  }

  private owner(t: Target, ctx: WriteContext): FieldOwner {
    const subresource = t.subresource;
    return {
      manager: ctx.fieldManager,
      apiVersion: apiVersionOf(t.type.group, t.version.name),
      subresource,
      exclude: this.excluded(t, subresource),
    };
  }

  /** Top-level fields a write cannot change: status via the main resource, everything but status via /status. */
  private excluded(t: Target, subresource?: string): string[] {
    if (!t.version.statusSubresource) return [];
    return subresource === 'status'
      ? ['spec', 'data', 'stringData', 'type']
      : ['status'];
  }

  private checkNamespace(t: Target, object: KubeObject): void {
    if (!t.type.namespaced) {
      delete object.metadata.namespace;
      return;
    }
    if (
      object.metadata.namespace &&
      t.namespace &&
      object.metadata.namespace !== t.namespace
    ) {
      throw badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    object.metadata.namespace = t.namespace ?? object.metadata.namespace;
    if (!object.metadata.namespace)
      throw badRequest('the server could not find the requested resource');
    const ns = this.store.get(this.namespaces, object.metadata.namespace);
    if (!ns) throw notFound(this.namespaces, object.metadata.namespace);
    if (ns.metadata.deletionTimestamp) {
      throw new StatusError(
        403,
        'Forbidden',
        `${t.type.plural}${t.type.group ? `.${t.type.group}` : ''} "${
          object.metadata.name
        }" is forbidden: unable to create new content in namespace ${
          ns.metadata.name
        } because it is being terminated`,
        {
          name: object.metadata.name,
          group: t.type.group,
          kind: t.type.plural,
        },
      );
    }
  }

  private checkKind(t: Target, object: KubeObject): void {
    const apiVersion = apiVersionOf(t.type.group, t.version.name);
    if (object.kind !== undefined && object.kind !== t.type.kind) {
      throw badRequest(
        `the API version in the data (${object.apiVersion}) does not match the expected API version (${apiVersion})`,
      );
    }
    if (object.apiVersion !== undefined && object.apiVersion !== apiVersion) {
      throw badRequest(
        `the API version in the data (${object.apiVersion}) does not match the expected API version (${apiVersion})`,
      );
    }
  }

  create(
    t: Target,
    body: KubeObject,
    ctx: WriteContext,
    managedFields?: KubeObject[],
  ): KubeObject {
    this.checkKind(t, body);
    const object: KubeObject = structuredClone(body);
    object.apiVersion = apiVersionOf(t.type.group, storageVersion(t.type).name);
    object.kind = t.type.kind;
    object.metadata = { ...object.metadata };
    if (!object.metadata.name && object.metadata.generateName) {
      object.metadata.name = generateName(object.metadata.generateName);
    }
    this.checkNamespace(t, object);
    for (const key of [
      'uid',
      'resourceVersion',
      'creationTimestamp',
      'deletionTimestamp',
      'generation',
      'managedFields',
    ]) {
      delete object.metadata[key];
    }
    if (t.version.statusSubresource && t.type.hasGeneration)
      delete object.status;
    applyBuiltinDefaults(t.type.kind, object);
    this.validate(t, object, undefined, ctx);
    if (this.store.get(t.type, keyOf(object)))
      throw alreadyExists(t.type, object.metadata.name);
    this.admit(t, 'CREATE', object, undefined, ctx);
    object.metadata = {
      ...newMetadata(object),
      ...(t.type.hasGeneration ? { generation: 1 } : {}),
      managedFields:
        managedFields ??
        recordUpdate(undefined, object, t.version.schema, this.owner(t, ctx)),
    };
    if (ctx.dryRun) return object;
    object.metadata.resourceVersion = String(this.store.nextResourceVersion());
    this.store.put(t.type, object);
    this.record(t, 'create', object, ctx);
    return object;
  }

  update(
    t: Target,
    name: string,
    body: KubeObject,
    ctx: WriteContext,
    verb: WriteRecord['verb'] = 'update',
  ): KubeObject {
    this.checkKind(t, body);
    const old = this.get(t, name);
    if (body.metadata?.name !== undefined && body.metadata.name !== name) {
      throw badRequest(
        `the name of the object (${body.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    const precondition = body.metadata?.resourceVersion;
    if (
      precondition !== undefined &&
      precondition !== '' &&
      precondition !== old.metadata.resourceVersion
    ) {
      throw conflict(
        t.type,
        name,
        'the object has been modified; please apply your changes to the latest version and try again',
      );
    }
    const next = this.merged(t, old, structuredClone(body));
    return this.commitUpdate(
      t,
      old,
      next,
      ctx,
      verb,
      recordUpdate(old, next, t.version.schema, this.owner(t, ctx)),
    );
  }

  /** Builds the object an update would store, keeping what the client may not change. */
  private merged(t: Target, old: KubeObject, body: KubeObject): KubeObject {
    const next: KubeObject =
      t.subresource === 'status'
        ? { ...old, status: body.status }
        : { ...body, apiVersion: old.apiVersion, kind: old.kind };
    if (t.subresource !== 'status' && t.version.statusSubresource) {
      if (old.status === undefined) delete next.status;
      else next.status = old.status;
    }
    const meta =
      t.subresource === 'status' ? old.metadata : body.metadata ?? {};
    next.metadata = {
      ...meta,
      name: old.metadata.name,
      ...(old.metadata.namespace ? { namespace: old.metadata.namespace } : {}),
      uid: old.metadata.uid,
      creationTimestamp: old.metadata.creationTimestamp,
      ...(old.metadata.deletionTimestamp
        ? {
            deletionTimestamp: old.metadata.deletionTimestamp,
            deletionGracePeriodSeconds: 0,
          }
        : {}),
      ...(old.metadata.generateName
        ? { generateName: old.metadata.generateName }
        : {}),
    };
    delete next.metadata.resourceVersion;
    delete next.metadata.generation;
    applyBuiltinDefaults(t.type.kind, next, old);
    return next;
  }

  private commitUpdate(
    t: Target,
    old: KubeObject,
    next: KubeObject,
    ctx: WriteContext,
    verb: WriteRecord['verb'],
    managedFields: KubeObject[],
  ): KubeObject {
    this.validate(t, next, old, ctx);
    if (old.metadata.generation !== undefined) {
      next.metadata.generation =
        old.metadata.generation +
        (specChanged(t.type, t.version.statusSubresource, old, next) ? 1 : 0);
    }
    next.metadata.managedFields = managedFields;
    next.metadata.resourceVersion = old.metadata.resourceVersion;
    // Admission runs before the no-op check, as in the API server (its storage skips an
    // unchanged write after admission): a refused request is refused even when it changes nothing.
    this.admit(t, 'UPDATE', next, old, ctx);
    if (isNoop(old, next)) return old;
    if (ctx.dryRun) return next;
    if (
      next.metadata.deletionTimestamp &&
      !(next.metadata.finalizers ?? []).length
    ) {
      this.remove(t, next, ctx, verb);
      return next;
    }
    next.metadata.resourceVersion = String(this.store.nextResourceVersion());
    this.store.put(t.type, next);
    this.record(t, verb, next, ctx);
    return next;
  }

  patch(
    t: Target,
    name: string,
    patchType: PatchType,
    patch: unknown,
    ctx: WriteContext,
    force: boolean,
  ): KubeObject {
    if (patchType === 'apply')
      return this.apply(t, name, patch as KubeObject, ctx, force);
    const old = this.get(t, name);
    const patched = this.patched(old, patchType, patch);
    if (
      patched.metadata?.resourceVersion !== undefined &&
      patched.metadata.resourceVersion !== old.metadata.resourceVersion
    ) {
      throw conflict(
        t.type,
        name,
        'the object has been modified; please apply your changes to the latest version and try again',
      );
    }
    const next = this.merged(t, old, patched);
    return this.commitUpdate(
      t,
      old,
      next,
      ctx,
      'patch',
      recordUpdate(old, next, t.version.schema, this.owner(t, ctx)),
    );
  }

  private patched(
    old: KubeObject,
    patchType: PatchType,
    patch: unknown,
  ): KubeObject {
    if (patchType === 'json') return jsonPatch(old, patch);
    if (patchType === 'strategic')
      return strategicMergePatch(old, patch) as KubeObject;
    return mergePatch(old, patch) as KubeObject;
  }

  private apply(
    t: Target,
    name: string,
    applied: KubeObject,
    ctx: WriteContext,
    force: boolean,
  ): KubeObject {
    if (!applied || typeof applied !== 'object' || Array.isArray(applied))
      throw badRequest('apply patch must be an object');
    if (applied.apiVersion === undefined || applied.kind === undefined) {
      throw badRequest(
        'apiVersion and kind must be set in the applied configuration',
      );
    }
    this.checkKind(t, applied);
    if (
      applied.metadata?.name !== undefined &&
      applied.metadata.name !== name
    ) {
      throw badRequest(
        `the name of the object (${applied.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    const owner = this.owner(t, ctx);
    const old = this.store.get(t.type, objectKey(t.namespace, name));
    if (!old) {
      if (t.subresource) throw notFound(t.type, name);
      const seed: KubeObject = {
        apiVersion: applied.apiVersion,
        kind: t.type.kind,
        metadata: { name, ...(t.namespace ? { namespace: t.namespace } : {}) },
      };
      const object = serverSideApply(
        seed,
        applied,
        t.version.schema,
        owner,
        force,
      );
      const managedFields = object.metadata.managedFields;
      return this.create(t, object, ctx, managedFields);
    }
    const live = { ...old, metadata: { ...old.metadata } };
    const result = serverSideApply(
      live,
      applied,
      t.version.schema,
      owner,
      force,
    );
    const next = this.merged(t, old, result);
    return this.commitUpdate(
      t,
      old,
      next,
      ctx,
      'patch',
      result.metadata.managedFields,
    );
  }

  delete(
    t: Target,
    name: string,
    ctx: WriteContext,
    preconditions?: KubeObject,
  ): KubeObject {
    const old = this.get(t, name);
    if (preconditions?.uid && preconditions.uid !== old.metadata.uid) {
      throw conflict(
        t.type,
        name,
        `Precondition failed: UID in precondition: ${preconditions.uid}, UID in object meta: ${old.metadata.uid}`,
      );
    }
    if (
      preconditions?.resourceVersion &&
      preconditions.resourceVersion !== old.metadata.resourceVersion
    ) {
      throw conflict(
        t.type,
        name,
        `Precondition failed: ResourceVersion in precondition: ${preconditions.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`,
      );
    }
    this.admit(t, 'DELETE', undefined, old, ctx);
    if (ctx.dryRun) return old;
    if (t.type === this.namespaces) return this.deleteNamespace(t, old, ctx);
    if ((old.metadata.finalizers ?? []).length)
      return this.markDeleting(t, old, ctx);
    return this.remove(t, old, ctx, 'delete');
  }

  private markDeleting(
    t: Target,
    old: KubeObject,
    ctx: WriteContext,
    extra: KubeObject = {},
  ): KubeObject {
    if (old.metadata.deletionTimestamp && !Object.keys(extra).length)
      return old;
    const next = {
      ...old,
      ...extra,
      metadata: {
        ...old.metadata,
        deletionTimestamp: old.metadata.deletionTimestamp ?? timestamp(),
        deletionGracePeriodSeconds: 0,
        resourceVersion: String(this.store.nextResourceVersion()),
      },
    };
    this.store.put(t.type, next);
    this.record(t, 'delete', next, ctx);
    return next;
  }

  private remove(
    t: Target,
    object: KubeObject,
    ctx: WriteContext,
    verb: WriteRecord['verb'],
  ): KubeObject {
    const final = {
      ...object,
      metadata: {
        ...object.metadata,
        resourceVersion: String(this.store.nextResourceVersion()),
      },
    };
    this.store.remove(t.type, final);
    this.record(t, verb, final, ctx);
    const namespace = object.metadata.namespace;
    if (namespace && namespace !== this.draining)
      this.finishNamespace(namespace, ctx);
    return final;
  }

  /**
   * Deletes a namespace's contents; objects with finalizers keep the namespace Terminating
   * until they are gone, like the namespace controller.
   */
  private deleteNamespace(
    t: Target,
    ns: KubeObject,
    ctx: WriteContext,
  ): KubeObject {
    const name = ns.metadata.name;
    const terminating = this.markDeleting(t, ns, ctx, {
      status: { phase: 'Terminating' },
    });
    this.draining = name;
    try {
      for (const type of this.namespacedTypes()) {
        const target: Target = {
          type,
          version: storageVersion(type),
          namespace: name,
        };
        for (const object of this.store.inNamespace(type, name)) {
          if ((object.metadata.finalizers ?? []).length)
            this.markDeleting(target, object, ctx);
          else this.remove(target, object, ctx, 'delete');
        }
      }
    } finally {
      this.draining = undefined;
    }
    this.finishNamespace(name, ctx);
    return this.store.get(t.type, name) ?? terminating;
  }

  private finishNamespace(namespace: string, ctx: WriteContext): void {
    const ns = this.store.get(this.namespaces, namespace);
    if (!ns?.metadata.deletionTimestamp) return;
    const empty = this.namespacedTypes().every(
      type => this.store.inNamespace(type, namespace).length === 0,
    );
    if (empty) {
      this.remove(
        { type: this.namespaces, version: storageVersion(this.namespaces) },
        ns,
        ctx,
        'delete',
      );
    }
  }

  /** DELETE on a collection: deletes each matching object in turn. */
  deleteCollection(
    t: Target,
    options: ListOptions,
    ctx: WriteContext,
  ): KubeObject[] {
    const { items } = this.list(t, {
      labelSelector: options.labelSelector,
      fieldSelector: options.fieldSelector,
    });
    return items.map(item =>
      this.delete(
        { ...t, namespace: item.metadata.namespace },
        item.metadata.name,
        ctx,
      ),
    );
  }
}
