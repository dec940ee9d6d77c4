export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/**
 * Matches a metav1.LabelSelector object (matchLabels + matchExpressions), as
 * the API server does; an absent or empty selector matches everything.
 */
export function matchesLabelSelector(
  selector: LabelSelector | undefined,
  labels: Record<string, string> = {},
): boolean {
  const matchLabels = Object.entries(selector?.matchLabels ?? {});
  if (matchLabels.some(([key, value]) => labels[key] !== value)) return false;
  return (selector?.matchExpressions ?? []).every(requirement =>
    matchesRequirement(requirement, labels),
  );
}

function matchesRequirement(
  { key, operator, values = [] }: LabelSelectorRequirement,
  labels: Record<string, string>,
): boolean {
  const present = key in labels;
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
      // The API server refuses an unknown operator when it validates the
      // object; a stored one that got past it selects nothing.
      return false;
  }
}
