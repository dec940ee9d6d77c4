import { renderInTestApp } from '@backstage/test-utils';
import {
  CommonMistake,
  Exposure,
  Hint,
  hintForCondition,
  HintSubject,
  hintForMistake,
  KNOWN_CONDITION_REASONS,
  StatusSummary,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { screen } from '@testing-library/react';
import { checkoutExposure } from '../../__fixtures__/exposures';
import { ExposureProblems } from './ExposureProblems';

// Every diagnostic the common package can attach to an exposure must reach the person: each
// case puts one hint where the backend puts it, and ExposureProblems (the Exposure tab's
// problem list) must show its words.

/** Where on an exposure a hint can sit. */
type Place =
  | 'parentRef'
  | 'parentRefPrediction'
  | 'gateway'
  | 'gatewayPolicy'
  | 'listener'
  | 'listenerSet'
  | 'listenerSetPrediction'
  | 'certificate'
  | 'tenancy'
  | 'gatewayMistake'
  | 'unattachedPolicy'
  | 'policy';

const failing = (
  hint: Hint,
  type?: string,
  reason?: string,
): StatusSummary => ({
  status: 'error',
  summary: `${type ?? 'Status'} False (${reason ?? 'Failed'})`,
  type,
  reason,
  hint,
});

function exposureWith(place: Place, status: StatusSummary): Exposure {
  const [parent] = checkoutExposure.route.parents;
  const [gateway] = checkoutExposure.gateways;
  const base = { ...checkoutExposure, status };
  switch (place) {
    case 'parentRef':
    case 'parentRefPrediction':
      return {
        ...base,
        route: {
          ...base.route,
          status,
          parents: [
            place === 'parentRef'
              ? { ...parent, status }
              : { ...parent, status, predicted: status },
          ],
        },
      };
    case 'gateway':
      return { ...base, gateways: [{ ...gateway, status }] };
    case 'gatewayPolicy':
      return { ...base, gateways: [{ ...gateway, ignoredPolicies: [status] }] };
    case 'tenancy':
      return { ...base, tenancy: status };
    case 'gatewayMistake':
      return { ...base, gateways: [{ ...gateway, mistakes: [status] }] };
    case 'unattachedPolicy':
      return { ...base, unattachedPolicies: [status] };
    case 'policy':
      return {
        ...base,
        policies: [
          {
            kind: 'SecurityPolicy',
            group: 'gateway.envoyproxy.io',
            implementation: 'envoy-gateway',
            namespace: 'checkout',
            name: 'cors',
            target: {
              kind: 'HTTPRoute',
              namespace: 'checkout',
              name: 'checkout',
            },
            settings: ['CORS'],
            precedence: 'conflicted',
            status,
          },
        ],
      };
    case 'listener':
      return {
        ...base,
        gateways: [{ ...gateway, listener: { ...gateway.listener!, status } }],
      };
    case 'listenerSet':
    case 'listenerSetPrediction':
      return {
        ...base,
        gateways: [
          {
            ...gateway,
            listenerSet: {
              namespace: 'tenant-team-a',
              name: 'team-a',
              conditions: [],
              ...(place === 'listenerSet'
                ? { status }
                : {
                    status: { status: 'unknown', summary: 'Not reported' },
                    predicted: status,
                  }),
            },
          },
        ],
      };
    case 'certificate':
      return {
        ...base,
        tls: { ...base.tls!, state: 'failed', hints: [status.hint!] },
      };
    default:
      throw new Error(`unknown place ${place}`);
  }
}

const PLACE_OF_SUBJECT: Record<HintSubject, Place> = {
  GatewayClass: 'gateway',
  Gateway: 'gateway',
  Listener: 'listener',
  ListenerSet: 'listenerSet',
  Route: 'parentRef',
  Certificate: 'certificate',
  CertificateRequest: 'certificate',
  Issuer: 'certificate',
  Policy: 'policy',
};

// A Record, so a new mistake fails to compile until it is placed here. A tenant's out-of-date
// metadata is no exposure's: the tenant card shows it (EntityTenantCard.test.tsx).
const PLACE_OF_MISTAKE: Record<
  Exclude<CommonMistake, 'tenantMetadataOutOfDate'>,
  Place
> = {
  namespaceNotAllowedByListener: 'parentRefPrediction',
  parentRefWithoutNamespace: 'parentRefPrediction',
  listenerSetNotAllowed: 'listenerSetPrediction',
  listenerSetParentNotFound: 'listenerSetPrediction',
  sectionNameInListenerSet: 'parentRefPrediction',
  listenerConflict: 'parentRefPrediction',
  noCertificateForHostname: 'certificate',
  missingReferenceGrant: 'parentRefPrediction',
  policyInWrongNamespace: 'gatewayPolicy',
  staleObservedGeneration: 'parentRef',
  issuerNotFound: 'certificate',
  issuerNotReady: 'certificate',
  secretMissing: 'certificate',
  http01ChallengeUnreachable: 'certificate',
  dnsNotPointingAtGateway: 'certificate',
  dns01ChallengeFailing: 'certificate',
  acmeRejected: 'certificate',
  certificateExpiring: 'certificate',
  certificateExpired: 'certificate',
  hostnameOfAnotherTenant: 'tenancy',
  hostnameSharedByIngressAndRoute: 'tenancy',
  proxyProtocolWithoutClientTrafficPolicy: 'gatewayMistake',
  proxyProtocolOptional: 'gatewayMistake',
  clientIpModesMixed: 'gatewayMistake',
  wrongNumTrustedHops: 'gatewayMistake',
  listenerCountNearLimit: 'gatewayMistake',
  policyTargetNotFound: 'unattachedPolicy',
  policyOfAnotherImplementation: 'unattachedPolicy',
};

// One condition per subject, the first known reason of it that needs action: the hint's text
// is common's (tested there); here, that a hint on each subject's object reaches the screen.
const conditionCases = (Object.keys(PLACE_OF_SUBJECT) as HintSubject[]).map(
  subject => {
    const [type, reason] = KNOWN_CONDITION_REASONS.map(code => code.split('/'))
      .filter(([s]) => s === subject)
      .map(([, t, r]) => [t, r])
      .find(([t, r]) => hintForCondition(subject, t, r)?.fix)!;
    const hint = hintForCondition(subject, type, reason)!;
    return [
      `condition ${subject}/${type}/${reason}`,
      exposureWith(PLACE_OF_SUBJECT[subject], failing(hint, type, reason)),
      hint,
    ] as [string, Exposure, Hint];
  },
);

// One case per common mistake, placed where the backend puts its hint.
const mistakeCases = (
  Object.entries(PLACE_OF_MISTAKE) as Array<[CommonMistake, Place]>
).map(
  ([mistake, place]) =>
    [
      `common mistake ${mistake}`,
      exposureWith(place, failing(hintForMistake(mistake))),
      hintForMistake(mistake),
    ] as [string, Exposure, Hint],
);

describe('ExposureProblems shows every diagnostic hint', () => {
  it.each([...conditionCases, ...mistakeCases])(
    '%s',
    async (_name, exposure, hint) => {
      await renderInTestApp(<ExposureProblems exposure={exposure} />);
      expect(screen.getByText(hint.meaning)).toBeInTheDocument();
      expect(screen.getByText(hint.fix)).toBeInTheDocument();
    },
  );
});
