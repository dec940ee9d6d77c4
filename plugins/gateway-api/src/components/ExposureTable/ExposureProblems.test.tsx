import { EntityProvider } from '@backstage/plugin-catalog-react';
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
import { checkoutEntity } from '../../__testUtils__/entities';
import { gatewayApiServer } from '../../__testUtils__/gatewayApiServer';
import { EntityExposureContent } from './EntityExposureContent';

// Every diagnostic the common package can attach to an exposure must reach the person: each
// case puts one hint where the backend puts it, and the Exposure tab must show its words.

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
  | 'tenancy';

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
};

// A Record, so a new mistake fails to compile until it is placed here.
const PLACE_OF_MISTAKE: Record<CommonMistake, Place> = {
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
};

// Reasons for a healthy state (Accepted, Programmed, Ready...) say nothing is to be done
// (an empty fix); they are not diagnostics and never show as a problem.
const conditionCases = KNOWN_CONDITION_REASONS.map(code => {
  const [subject, type, reason] = code.split('/') as [
    HintSubject,
    string,
    string,
  ];
  return {
    code,
    subject,
    type,
    reason,
    hint: hintForCondition(subject, type, reason)!,
  };
}).filter(c => c.hint.fix !== '');

// One case per diagnostic: its name, the exposure carrying its hint, and the hint.
const cases: Array<[string, Exposure, Hint]> = [
  ...conditionCases.map(
    ({ code, subject, type, reason, hint }) =>
      [
        `condition ${code}`,
        exposureWith(PLACE_OF_SUBJECT[subject], failing(hint, type, reason)),
        hint,
      ] as [string, Exposure, Hint],
  ),
  ...(Object.entries(PLACE_OF_MISTAKE) as Array<[CommonMistake, Place]>).map(
    ([mistake, place]) =>
      [
        `common mistake ${mistake}`,
        exposureWith(place, failing(hintForMistake(mistake))),
        hintForMistake(mistake),
      ] as [string, Exposure, Hint],
  ),
];

const { answer, render } = gatewayApiServer();

describe('every diagnostic hint shows on the Exposure tab', () => {
  it('covers the condition reasons that need action', () => {
    expect(conditionCases.length).toBeGreaterThan(50);
  });

  it.each(cases)('%s', async (_name, exposure, hint) => {
    answer('/exposure', { items: [exposure], pendingClusters: [] });
    await render(
      <EntityProvider entity={checkoutEntity}>
        <EntityExposureContent />
      </EntityProvider>,
    );
    await screen.findByText(/1 of 1 hostnames need attention/);
    expect(screen.getAllByText(hint.meaning)).not.toHaveLength(0);
    expect(screen.getAllByText(hint.fix)).not.toHaveLength(0);
  });
});
