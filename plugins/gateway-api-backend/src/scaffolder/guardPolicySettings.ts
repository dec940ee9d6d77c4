import { Config } from '@backstage/config';
import {
  GUARD_POLICY_MODES,
  GuardPolicyMode,
  GuardPolicyOptions,
} from '../manifests';

/** The platform's settings of the guard policies (`gatewayApi.guardPolicies` in app-config). */
export interface GuardPolicySettings {
  /** The binding's action unless a template picks another; `Deny` by default. */
  mode: GuardPolicyMode;
  /** Users who alone may write a Namespace's tenant metadata: Backstage's own identity at least. */
  platformUsers: string[];
  /** Groups who may as well; `system:masters` by default. */
  platformGroups: string[];
}

export const DEFAULT_GUARD_POLICY_SETTINGS: GuardPolicySettings = {
  mode: 'Deny',
  platformUsers: [],
  platformGroups: ['system:masters'],
};

/** Reads `gatewayApi.guardPolicies`; absent keys take the defaults. */
export function readGuardPolicySettings(config: Config): GuardPolicySettings {
  const section = config.getOptionalConfig('gatewayApi.guardPolicies');
  const mode = section?.getOptionalString('validationAction');
  if (mode !== undefined && !GUARD_POLICY_MODES.includes(mode as any)) {
    throw new Error(
      `gatewayApi.guardPolicies.validationAction is "${mode}"; use one of ${GUARD_POLICY_MODES.join(
        ', ',
      )}`,
    );
  }
  return {
    mode:
      (mode as GuardPolicyMode | undefined) ??
      DEFAULT_GUARD_POLICY_SETTINGS.mode,
    platformUsers:
      section?.getOptionalStringArray('platformUsers') ??
      DEFAULT_GUARD_POLICY_SETTINGS.platformUsers,
    platformGroups:
      section?.getOptionalStringArray('platformGroups') ??
      DEFAULT_GUARD_POLICY_SETTINGS.platformGroups,
  };
}

/**
 * The options of `guardPolicies()` for one install. `self` is the user the cluster takes
 * Gatehouse for: always a platform user, or the policies would lock Gatehouse out of the
 * tenant Namespaces it provisions.
 */
export function guardPolicyOptions(
  settings: GuardPolicySettings,
  mode: GuardPolicyMode | undefined,
  platformNamespaces: string[],
  self?: string,
): GuardPolicyOptions {
  return {
    validationActions: [mode ?? settings.mode],
    platformNamespaces,
    platformUsers: [
      ...new Set([...settings.platformUsers, ...(self ? [self] : [])]),
    ],
    platformGroups: settings.platformGroups,
  };
}
