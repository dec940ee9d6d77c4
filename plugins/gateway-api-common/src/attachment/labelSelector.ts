import { LabelSelector } from '../types';

/**
 * Whether labels match a Kubernetes label selector (matchLabels and matchExpressions, ANDed).
 * An empty selector matches everything, as in Kubernetes; an unknown operator matches nothing,
 * so a malformed selector never widens access.
 *
 * @public
 */
export function matchesLabelSelector(
  selector: LabelSelector | undefined,
  labels: Record<string, string> = {},
): boolean {
  if (!selector) return false;
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(
    ([key, value]) => labels[key] === value,
  );
  return (
    byLabels &&
    (selector.matchExpressions ?? []).every(
      ({ key = '', operator, values = [] }) => {
        const present = Object.prototype.hasOwnProperty.call(labels, key);
        switch (operator) {
          case 'In':
            return present && values.includes(labels[key]);
          case 'NotIn':
            return !present || !values.includes(labels[key]);
          case 'Exists':
            return present;
          case 'DoesNotExist':
            return !present;
          default:
            return false;
        }
      },
    )
  );
}

/**
 * The built-in namespace label kube-apiserver sets on every namespace; it cannot be spoofed,
 * which is why allowedRoutes selectors use it.
 *
 * @public
 */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
