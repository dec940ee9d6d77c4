import {
  CommonMistake,
  hintForCondition,
  hintForMistake,
  KNOWN_CONDITION_REASONS,
} from './hints';

const REQUIRED = [
  'GatewayClass/Accepted/Accepted',
  'GatewayClass/Accepted/InvalidParameters',
  'GatewayClass/Accepted/Pending',
  'GatewayClass/Accepted/Unsupported',
  'GatewayClass/SupportedVersion/UnsupportedVersion',
  'Gateway/Accepted/Accepted',
  'Gateway/Accepted/ListenersNotValid',
  'Gateway/Accepted/InvalidParameters',
  'Gateway/Accepted/UnsupportedAddress',
  'Gateway/Accepted/Pending',
  'Gateway/Accepted/Invalid',
  'Gateway/Accepted/NotReconciled',
  'Gateway/ResolvedRefs/ListenersNotResolved',
  'Gateway/ResolvedRefs/RefNotPermitted',
  'Gateway/ResolvedRefs/InvalidClientCertificateRef',
  'Gateway/InsecureFrontendValidationMode/ConfigurationChanged',
  'Gateway/Programmed/Programmed',
  'Gateway/Programmed/Invalid',
  'Gateway/Programmed/Pending',
  'Gateway/Programmed/NoResources',
  'Gateway/Programmed/AddressNotAssigned',
  'Gateway/Programmed/AddressNotUsable',
  'Listener/Accepted/Accepted',
  'Listener/Accepted/PortUnavailable',
  'Listener/Accepted/UnsupportedProtocol',
  'Listener/Accepted/UnsupportedValue',
  'Listener/Accepted/NoValidCACertificate',
  'Listener/ResolvedRefs/InvalidCACertificateRef',
  'Listener/ResolvedRefs/InvalidCACertificateKind',
  'Listener/Accepted/Pending',
  'Listener/Conflicted/HostnameConflict',
  'Listener/Conflicted/ProtocolConflict',
  'Listener/Conflicted/NoConflicts',
  'Listener/ResolvedRefs/ResolvedRefs',
  'Listener/ResolvedRefs/InvalidCertificateRef',
  'Listener/ResolvedRefs/InvalidRouteKinds',
  'Listener/ResolvedRefs/RefNotPermitted',
  'Listener/Programmed/Programmed',
  'Listener/Programmed/Invalid',
  'Listener/Programmed/Pending',
  'Listener/OverlappingTLSConfig/OverlappingHostnames',
  'Listener/OverlappingTLSConfig/OverlappingCertificates',
  'Listener/Accepted/TooManyListeners',
  'Listener/Accepted/HostnameConflict',
  'Listener/Accepted/ProtocolConflict',
  'Listener/Conflicted/ListenerConflict',
  'ListenerSet/Accepted/Accepted',
  'ListenerSet/Accepted/NotAllowed',
  'ListenerSet/Accepted/ParentNotAccepted',
  'ListenerSet/Accepted/ListenersNotValid',
  'ListenerSet/Accepted/Invalid',
  'ListenerSet/Accepted/Pending',
  'ListenerSet/Programmed/Programmed',
  'ListenerSet/Programmed/NotAllowed',
  'ListenerSet/Programmed/ParentNotProgrammed',
  'ListenerSet/Programmed/ListenersNotValid',
  'Route/Accepted/Accepted',
  'Route/Accepted/NotAllowedByListeners',
  'Route/Accepted/NoMatchingListenerHostname',
  'Route/Accepted/NoMatchingParent',
  'Route/Accepted/UnsupportedValue',
  'Route/Accepted/Pending',
  'Route/Accepted/IncompatibleFilters',
  'Route/ResolvedRefs/ResolvedRefs',
  'Route/ResolvedRefs/BackendNotFound',
  'Route/ResolvedRefs/RefNotPermitted',
  'Route/ResolvedRefs/InvalidKind',
  'Route/ResolvedRefs/UnsupportedProtocol',
  'Route/PartiallyInvalid/UnsupportedValue',
  'Certificate/Ready/Ready',
  'Certificate/Ready/Expired',
  'Certificate/Issuing/Failed',
  'CertificateRequest/Ready/Failed',
  'CertificateRequest/Ready/Denied',
  'Issuer/Ready/ErrRegisterACMEAccount',
  'Policy/Accepted/Accepted',
  'Policy/Accepted/Conflicted',
  'Policy/Accepted/Invalid',
  'Policy/Accepted/TargetNotFound',
];

const MISTAKES: CommonMistake[] = [
  'namespaceNotAllowedByListener',
  'parentRefWithoutNamespace',
  'listenerSetNotAllowed',
  'listenerSetParentNotFound',
  'sectionNameInListenerSet',
  'listenerConflict',
  'noCertificateForHostname',
  'missingReferenceGrant',
  'policyInWrongNamespace',
  'staleObservedGeneration',
  'issuerNotFound',
  'issuerNotReady',
  'secretMissing',
  'http01ChallengeUnreachable',
  'dnsNotPointingAtGateway',
  'dns01ChallengeFailing',
  'acmeRejected',
  'certificateExpiring',
  'certificateExpired',
  'hostnameSharedByIngressAndRoute',
  'proxyProtocolWithoutClientTrafficPolicy',
  'proxyProtocolOptional',
  'clientIpModesMixed',
  'wrongNumTrustedHops',
  'listenerCountNearLimit',
  'policyTargetNotFound',
  'policyOfAnotherImplementation',
  'tenantMetadataOutOfDate',
];

describe('hintForCondition', () => {
  it.each(REQUIRED)('has a hint for %s', key => {
    expect(KNOWN_CONDITION_REASONS).toContain(key);
  });

  it.each(KNOWN_CONDITION_REASONS.map(k => [k]))(
    '%s says what it means in a sentence, and how to fix it when not healthy',
    key => {
      const [subject, type, reason] = key.split('/');
      const hint = hintForCondition(subject as never, type, reason)!;
      expect(hint.meaning).toMatch(/^[A-Z"'].*\.$/);
      expect(hint.fix === '' || /^[A-Z].*\.$/.test(hint.fix)).toBe(true);
    },
  );

  it.each([
    ['Route', 'Accepted', 'NoSuchReason'],
    ['Route', undefined, undefined],
    ['Gateway', 'Accepted', 'NotAllowedByListeners'],
  ] as const)('has no hint for %s/%s/%s', (subject, type, reason) => {
    expect(hintForCondition(subject, type, reason)).toBeUndefined();
  });

  it('tells a route the listener reason apart from a listener', () => {
    expect(
      hintForCondition('Route', 'ResolvedRefs', 'RefNotPermitted')!.fix,
    ).toMatch(/Service/);
    expect(
      hintForCondition('Listener', 'ResolvedRefs', 'RefNotPermitted')!.fix,
    ).toMatch(/Secret/);
  });
});

describe('hintForMistake', () => {
  it.each(MISTAKES)('%s has a meaning and a fix', mistake => {
    const hint = hintForMistake(mistake);
    expect(hint.meaning).toMatch(/^[A-Z].*\.$/);
    expect(hint.fix).toMatch(/^[A-Z].*\.$/);
  });
});

// What each client-IP and policy mistake must tell a person: the effect they see, and the
// field (by its Envoy Gateway name) that fixes it.
describe('hints of the client-IP and policy mistakes', () => {
  it.each<[CommonMistake, RegExp, RegExp]>([
    [
      'proxyProtocolWithoutClientTrafficPolicy',
      /400 Bad Request/,
      /ClientTrafficPolicy .*proxyProtocol: \{ optional: false \}/,
    ],
    [
      'proxyProtocolOptional',
      /optional: true/,
      /proxyProtocol.optional to false/,
    ],
    [
      'clientIpModesMixed',
      /spoofed/,
      /proxyProtocol .*clientIPDetection.xForwardedFor/,
    ],
    [
      'wrongNumTrustedHops',
      /0 makes Envoy ignore the header/,
      /clientIPDetection.xForwardedFor.numTrustedHops/,
    ],
    ['listenerCountNearLimit', /64 listeners/, /ListenerSets/],
    ['policyTargetNotFound', /applies to nothing/, /targetRefs/],
    [
      'policyOfAnotherImplementation',
      /another, whose controller ignores it/,
      /GatewayClass's controllerName/,
    ],
    ['tenantMetadataOutOfDate', /older Gatehouse/, /Refresh tenants/],
  ])(
    '%s says what happens and which field fixes it',
    (mistake, meaning, fix) => {
      const hint = hintForMistake(mistake);
      expect(hint.meaning).toMatch(meaning);
      expect(hint.fix).toMatch(fix);
    },
  );

  it('explains a Conflicted policy by the older one winning', () => {
    expect(
      hintForCondition('Policy', 'Accepted', 'Conflicted')!.meaning,
    ).toMatch(/older one applies/);
  });
});
