import { ResourceName } from './resources';
import { KubeObject } from './types';

/** A write a reconcile function asks the runner to make. */
export type Action =
  | {
      type: 'status';
      resource: ResourceName;
      object: KubeObject;
      status: Record<string, unknown>;
    }
  | { type: 'create'; resource: ResourceName; object: KubeObject }
  | { type: 'replace'; resource: ResourceName; object: KubeObject }
  | { type: 'delete'; resource: ResourceName; object: KubeObject };

export type StatusUpdate = Extract<Action, { type: 'status' }>;
