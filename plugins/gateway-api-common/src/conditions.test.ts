import { ParentAttachment } from './attachment';
import {
  interpretConditions,
  interpretGatewayClassStatus,
  interpretGatewayStatus,
  interpretParentAttachment,
  interpretRouteParentStatus,
  interpretRouteStatus,
  StatusLevel,
  worstStatus,
} from './conditions';
import { hintForCondition, hintForMistake } from './hints';
import { Condition, Route } from './types';

const c = (
  type: string,
  status: string,
  reason: string,
  message = '',
  observedGeneration?: number,
): Condition => ({
  type,
  status,
  reason,
  message,
  observedGeneration,
});

describe('interpretConditions', () => {
  it.each<[string, Condition[], StatusLevel, string | undefined]>([
    ['no conditions', [], 'unknown', undefined],
    [
      'only unknown types',
      [c('Scheduled', 'True', 'Scheduled')],
      'unknown',
      undefined,
    ],
    [
      'Accepted and ResolvedRefs',
      [
        c('Accepted', 'True', 'Accepted'),
        c('ResolvedRefs', 'True', 'ResolvedRefs'),
      ],
      'ok',
      undefined,
    ],
    [
      'Accepted False',
      [
        c('Accepted', 'False', 'NotAllowedByListeners'),
        c('ResolvedRefs', 'True', 'ResolvedRefs'),
      ],
      'error',
      'NotAllowedByListeners',
    ],
    [
      'ResolvedRefs False',
      [
        c('Accepted', 'True', 'Accepted'),
        c('ResolvedRefs', 'False', 'BackendNotFound'),
      ],
      'error',
      'BackendNotFound',
    ],
    [
      'Accepted Unknown',
      [c('Accepted', 'Unknown', 'Pending')],
      'pending',
      'Pending',
    ],
    [
      'Accepted False Pending',
      [c('Accepted', 'False', 'Pending')],
      'pending',
      'Pending',
    ],
    [
      'PartiallyInvalid True',
      [
        c('Accepted', 'True', 'Accepted'),
        c('PartiallyInvalid', 'True', 'UnsupportedValue'),
      ],
      'warning',
      'UnsupportedValue',
    ],
    [
      'PartiallyInvalid False',
      [
        c('Accepted', 'True', 'Accepted'),
        c('PartiallyInvalid', 'False', 'UnsupportedValue'),
      ],
      'ok',
      undefined,
    ],
    [
      'error beats pending',
      [
        c('Accepted', 'Unknown', 'Pending'),
        c('ResolvedRefs', 'False', 'RefNotPermitted'),
      ],
      'error',
      'RefNotPermitted',
    ],
  ])('%s -> %s', (_, conditions, status, reason) => {
    const result = interpretConditions('Route', conditions);
    expect(result.status).toBe(status);
    expect(result.reason).toBe(reason);
    expect(result.summary).not.toBe('');
    expect(result.hint !== undefined).toBe(
      status === 'error' || status === 'warning' || status === 'pending',
    );
  });

  it.each<[string, Condition[], StatusLevel, string | undefined]>([
    [
      'Accepted and Programmed',
      [
        c('Accepted', 'True', 'Accepted'),
        c('Programmed', 'True', 'Programmed'),
      ],
      'ok',
      undefined,
    ],
    [
      'AddressNotAssigned',
      [
        c('Accepted', 'True', 'Accepted'),
        c('Programmed', 'False', 'AddressNotAssigned'),
      ],
      'error',
      'AddressNotAssigned',
    ],
    [
      'NoResources',
      [c('Programmed', 'False', 'NoResources')],
      'error',
      'NoResources',
    ],
    [
      'Programmed Pending',
      [c('Programmed', 'Unknown', 'Pending')],
      'pending',
      'Pending',
    ],
    [
      'ListenersNotValid while Accepted',
      [
        c('Accepted', 'True', 'ListenersNotValid'),
        c('Programmed', 'True', 'Programmed'),
      ],
      'warning',
      'ListenersNotValid',
    ],
    ['Invalid', [c('Programmed', 'False', 'Invalid')], 'error', 'Invalid'],
    [
      'ListenersNotValid while not Accepted',
      [c('Accepted', 'False', 'ListenersNotValid')],
      'error',
      'ListenersNotValid',
    ],
    [
      'NotReconciled',
      [c('Accepted', 'False', 'NotReconciled')],
      'pending',
      'NotReconciled',
    ],
    [
      'InsecureFrontendValidationMode',
      [
        c('Accepted', 'True', 'Accepted'),
        c('InsecureFrontendValidationMode', 'True', 'ConfigurationChanged'),
      ],
      'warning',
      'ConfigurationChanged',
    ],
  ])('Gateway %s -> %s', (_, conditions, status, reason) => {
    const result = interpretConditions('Gateway', conditions);
    expect(result.status).toBe(status);
    expect(result.reason).toBe(reason);
    expect(result.hint !== undefined).toBe(status !== 'ok');
  });

  it.each<[string, Condition[], StatusLevel, string | undefined]>([
    [
      'Conflicted False',
      [c('Conflicted', 'False', 'NoConflicts')],
      'ok',
      undefined,
    ],
    [
      'HostnameConflict',
      [c('Conflicted', 'True', 'HostnameConflict')],
      'error',
      'HostnameConflict',
    ],
    [
      'InvalidCertificateRef',
      [c('ResolvedRefs', 'False', 'InvalidCertificateRef')],
      'error',
      'InvalidCertificateRef',
    ],
    [
      'OverlappingTLSConfig',
      [c('OverlappingTLSConfig', 'True', 'OverlappingHostnames')],
      'warning',
      'OverlappingHostnames',
    ],
  ])('Listener %s -> %s', (_, conditions, status, reason) => {
    const result = interpretConditions('Listener', conditions);
    expect(result.status).toBe(status);
    expect(result.reason).toBe(reason);
    expect(result.hint !== undefined).toBe(status !== 'ok');
  });

  it.each<[number | undefined, number | undefined, StatusLevel]>([
    [2, 3, 'pending'],
    [3, 3, 'ok'],
    [undefined, 3, 'ok'],
    [2, undefined, 'ok'],
  ])(
    'observedGeneration %p with generation %p -> %s',
    (observed, generation, status) => {
      const result = interpretConditions(
        'Route',
        [c('Accepted', 'True', 'Accepted', '', observed)],
        generation,
      );
      expect(result.status).toBe(status);
      expect(result.hint).toEqual(
        status === 'pending'
          ? hintForMistake('staleObservedGeneration')
          : undefined,
      );
    },
  );

  it('keeps an error visible even when the status is stale', () => {
    const result = interpretConditions(
      'Route',
      [c('Accepted', 'False', 'NoMatchingParent', '', 1)],
      2,
    );
    expect(result.status).toBe('error');
  });

  it('summarises a failure in one line with its message', () => {
    const result = interpretConditions(
      'Route',
      [c('Accepted', 'False', 'NotAllowedByListeners', 'not allowed')],
      undefined,
      'gw/shared: ',
    );
    expect(result.summary).toBe(
      'gw/shared: Accepted False (NotAllowedByListeners): not allowed',
    );
  });
});

describe("NGINX Gateway Fabric's <Kind>Affected conditions on a policy's targets", () => {
  const affected = (type: string) =>
    c(type, 'True', 'PolicyAffected', 'The policy is applied to the resource');
  const accepted = [
    c('Accepted', 'True', 'Accepted'),
    c('ResolvedRefs', 'True', 'ResolvedRefs'),
  ];

  it('name the policy kinds applied in a healthy summary, and change no status', () => {
    expect(
      interpretRouteParentStatus({
        parentRef: { namespace: 'tenant-team-b', name: 'nginx' },
        controllerName: 'gateway.nginx.org/nginx-gateway-controller',
        conditions: [
          ...accepted,
          affected('ClientSettingsPolicyAffected'),
          affected('gateway.nginx.org/WAFPolicyAffected'),
        ],
      }),
    ).toEqual({
      status: 'ok',
      summary:
        'tenant-team-b/nginx: Accepted, ResolvedRefs; policies applied: ClientSettingsPolicy, WAFPolicy.',
    });
    expect(
      interpretGatewayStatus({
        metadata: { generation: 2 },
        status: {
          conditions: [
            c('Accepted', 'True', 'Accepted', '', 2),
            c('Programmed', 'True', 'Programmed', '', 2),
            // Marked before the latest change: still no staleness of its own.
            { ...affected('SnippetsPolicyAffected'), observedGeneration: 1 },
          ],
        },
      }),
    ).toEqual({
      status: 'ok',
      summary: 'Accepted, Programmed; policies applied: SnippetsPolicy.',
    });
  });

  it.each<[string, Condition[], StatusLevel, string | undefined]>([
    [
      'alone, it is no report of the object',
      [affected('ProxySettingsPolicyAffected')],
      'unknown',
      undefined,
    ],
    [
      'beside a failure, the failure decides',
      [
        c('Accepted', 'False', 'NotAllowedByListeners'),
        affected('RateLimitPolicyAffected'),
      ],
      'error',
      'NotAllowedByListeners',
    ],
    [
      'False, or with another reason, it is an unknown condition',
      [
        ...accepted,
        c('ObservabilityPolicyAffected', 'False', 'PolicyAffected'),
        c('ObservabilityPolicyAffected', 'True', 'Other'),
      ],
      'ok',
      undefined,
    ],
  ])('%s', (_name, conditions, status, reason) => {
    const summary = interpretConditions('Route', conditions);
    expect([summary.status, summary.reason]).toEqual([status, reason]);
    expect(summary.summary).not.toMatch(/policies applied/);
  });
});

describe('worstStatus', () => {
  it.each<[StatusLevel[], StatusLevel]>([
    [[], 'unknown'],
    [['ok', 'ok'], 'ok'],
    [['ok', 'unknown'], 'unknown'],
    [['unknown', 'pending'], 'pending'],
    [['pending', 'warning', 'ok'], 'warning'],
    [['warning', 'error', 'pending'], 'error'],
  ])('%p -> %s', (levels, expected) => {
    expect(
      worstStatus(levels.map(status => ({ status, summary: status }))).status,
    ).toBe(expected);
  });
});

describe('route, Gateway and GatewayClass status', () => {
  const route = (
    parents: NonNullable<Route['status']>['parents'],
    generation = 1,
  ): Route => ({
    kind: 'HTTPRoute',
    metadata: { generation },
    status: { parents },
  });

  it.each<[string, Route, StatusLevel]>([
    ['no parents', route([]), 'unknown'],
    [
      'one healthy parent',
      route([
        {
          parentRef: { name: 'gw' },
          conditions: [c('Accepted', 'True', 'Accepted', '', 1)],
        },
      ]),
      'ok',
    ],
    [
      'a healthy and a broken parent',
      route([
        {
          parentRef: { name: 'a' },
          conditions: [c('Accepted', 'True', 'Accepted', '', 1)],
        },
        {
          parentRef: { name: 'b', namespace: 'gw', sectionName: 'https' },
          conditions: [
            c('Accepted', 'False', 'NoMatchingListenerHostname', '', 1),
          ],
        },
      ]),
      'error',
    ],
    [
      'a stale parent',
      route(
        [
          {
            parentRef: { name: 'gw' },
            conditions: [c('Accepted', 'True', 'Accepted', '', 1)],
          },
        ],
        2,
      ),
      'pending',
    ],
  ])('route with %s -> %s', (_, r, status) => {
    expect(interpretRouteStatus(r).status).toBe(status);
  });

  it('labels a parent with its namespace, name and sectionName', () => {
    const result = interpretRouteParentStatus({
      parentRef: { name: 'b', namespace: 'gw', sectionName: 'https' },
      conditions: [c('Accepted', 'False', 'NoMatchingListenerHostname')],
    });
    expect(result.summary).toMatch(/^gw\/b\/https: /);
  });

  it.each<[string, StatusLevel]>([
    ['healthy', 'ok'],
    ['listener broken', 'error'],
  ])('Gateway %s -> %s', (name, status) => {
    const result = interpretGatewayStatus({
      metadata: { generation: 1 },
      status: {
        conditions: [
          c('Accepted', 'True', 'Accepted'),
          c('Programmed', 'True', 'Programmed'),
        ],
        listeners: [
          {
            name: 'https',
            conditions:
              name === 'healthy'
                ? [c('ResolvedRefs', 'True', 'ResolvedRefs')]
                : [
                    c(
                      'ResolvedRefs',
                      'False',
                      'InvalidCertificateRef',
                      'secret missing',
                    ),
                  ],
          },
        ],
      },
    });
    expect(result.status).toBe(status);
    expect(/^Listener "https": /.test(result.summary)).toBe(status === 'error');
  });

  it.each<[Condition[], StatusLevel]>([
    [[c('Accepted', 'True', 'Accepted')], 'ok'],
    [[c('Accepted', 'False', 'InvalidParameters')], 'error'],
    [[c('Accepted', 'Unknown', 'Pending')], 'pending'],
    [[c('SupportedVersion', 'False', 'UnsupportedVersion')], 'error'],
  ])('GatewayClass %p -> %s', (conditions, status) => {
    expect(interpretGatewayClassStatus({ status: { conditions } }).status).toBe(
      status,
    );
  });
});

describe('interpretParentAttachment', () => {
  const attachment = (over: Partial<ParentAttachment>): ParentAttachment => ({
    parentRef: {
      group: 'gateway.networking.k8s.io',
      kind: 'Gateway',
      namespace: 'gw',
      name: 'shared',
    },
    accepted: {
      type: 'Accepted',
      status: 'True',
      reason: 'Accepted',
      message: 'ok',
    },
    resolvedRefs: {
      type: 'ResolvedRefs',
      status: 'True',
      reason: 'ResolvedRefs',
      message: 'ok',
    },
    listeners: [],
    mistakes: [],
    ...over,
  });
  const refused = (reason: string) => ({
    type: 'Accepted',
    status: 'False' as const,
    reason,
    message: reason,
  });

  it.each<[string, Partial<ParentAttachment>, StatusLevel, string | undefined]>(
    [
      ['a healthy attachment', {}, 'ok', undefined],
      [
        'NoMatchingParent without namespace',
        {
          accepted: refused('NoMatchingParent'),
          mistakes: ['parentRefWithoutNamespace'],
        },
        'error',
        'parentRefWithoutNamespace',
      ],
      [
        'NoMatchingParent for a missing Gateway',
        { accepted: refused('NoMatchingParent') },
        'error',
        'NoMatchingParent',
      ],
      [
        'a namespace not allowed',
        {
          accepted: refused('NotAllowedByListeners'),
          mistakes: ['namespaceNotAllowedByListener'],
        },
        'error',
        'namespaceNotAllowedByListener',
      ],
      [
        'a missing ReferenceGrant',
        {
          resolvedRefs: {
            type: 'ResolvedRefs',
            status: 'False',
            reason: 'RefNotPermitted',
            message: 'x',
          },
          mistakes: ['missingReferenceGrant'],
        },
        'error',
        'missingReferenceGrant',
      ],
      [
        'no certificate for the hostname',
        { mistakes: ['noCertificateForHostname'] },
        'warning',
        'noCertificateForHostname',
      ],
    ],
  )('%s -> %s', (_, over, status, mistake) => {
    const result = interpretParentAttachment(attachment(over));
    expect(result.status).toBe(status);
    expect(result.summary).toMatch(/^gw\/shared: /);
    // The last column names a common mistake, or else the reason whose generic hint applies.
    expect(result.hint).toEqual(
      hintForMistake(mistake as never) ??
        hintForCondition('Route', 'Accepted', mistake),
    );
  });
});

describe('interpretConditions summary of a healthy listener', () => {
  it('reads a False Conflicted as its absence', () => {
    const summary = interpretConditions('Listener', [
      { type: 'Accepted', status: 'True', reason: 'Accepted' },
      { type: 'Conflicted', status: 'False', reason: 'NoConflicts' },
      { type: 'Programmed', status: 'True', reason: 'Programmed' },
    ]);
    expect(summary).toEqual({
      status: 'ok',
      summary: 'Accepted, not Conflicted, Programmed.',
    });
  });
});
