/**
 * The Kubernetes metadata and status shapes every object of the domain shares.
 * Every field is optional because the domain reads objects it did not validate.
 */

/**
 * The subset of Kubernetes ObjectMeta the domain reads.
 *
 * @public
 */
export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  generation?: number;
  resourceVersion?: string;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/**
 * A status condition (metav1.Condition).
 *
 * @public
 */
export interface Condition {
  type?: string;
  status?: 'True' | 'False' | 'Unknown' | string;
  reason?: string;
  message?: string;
  observedGeneration?: number;
  lastTransitionTime?: string;
}

/**
 * A label selector (metav1.LabelSelector).
 *
 * @public
 */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{
    key?: string;
    operator?: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | string;
    values?: string[];
  }>;
}

/**
 * The envelope of any Kubernetes object.
 *
 * @public
 */
export interface KubernetesObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}
