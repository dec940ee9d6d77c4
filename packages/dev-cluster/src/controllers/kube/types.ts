/** The metadata fields the controllers read or write. */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  generation?: number;
  resourceVersion?: string;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** Any Kubernetes object; spec and status are read through typed helpers. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: any;
  status?: any;
  data?: Record<string, string>;
  type?: string;
}

export type ConditionStatus = 'True' | 'False' | 'Unknown';

export interface Condition {
  type: string;
  status: ConditionStatus;
  reason: string;
  message: string;
  lastTransitionTime: string;
  observedGeneration?: number;
}

/** `namespace/name`, or `name` for cluster-scoped objects. */
export function objectKey(obj: { metadata: ObjectMeta }): string {
  return obj.metadata.namespace
    ? `${obj.metadata.namespace}/${obj.metadata.name}`
    : obj.metadata.name;
}

export function findCondition(
  obj: KubeObject | undefined,
  type: string,
): Condition | undefined {
  const conditions: Condition[] | undefined = obj?.status?.conditions;
  return conditions?.find(c => c.type === type);
}

export function isConditionTrue(
  obj: KubeObject | undefined,
  type: string,
): boolean {
  return findCondition(obj, type)?.status === 'True';
}

/** Kubernetes timestamps are RFC 3339 with second precision. */
export function formatTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
