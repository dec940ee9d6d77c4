import { checkPolicyTargets, TargetingPolicy } from './targets';
import { Gateway } from '../types';

const gateways: Gateway[] = [
  { metadata: { namespace: 'gateway', name: 'shared' } },
];
const policy = (
  namespace: string,
  spec: TargetingPolicy['spec'],
): TargetingPolicy => ({
  kind: 'ClientTrafficPolicy',
  metadata: { namespace, name: 'proxy-protocol' },
  spec,
});
const target = (name: string) => ({
  group: 'gateway.networking.k8s.io',
  kind: 'Gateway',
  name,
});

describe('checkPolicyTargets', () => {
  it.each<[string, TargetingPolicy, string, RegExp]>([
    [
      'a policy next to its Gateway',
      policy('gateway', { targetRefs: [target('shared')] }),
      'ok',
      /targets existing objects/,
    ],
    [
      'a policy with targetRef next to its Gateway',
      policy('gateway', { targetRef: target('shared') }),
      'ok',
      /targets existing objects/,
    ],
    [
      'a policy in the wrong namespace',
      policy('apps', { targetRefs: [target('shared')] }),
      'error',
      /is in namespace "gateway", so the policy is ignored/,
    ],
    [
      'a policy targeting a missing Gateway',
      policy('gateway', { targetRefs: [target('nope')] }),
      'error',
      /does not exist in "gateway"/,
    ],
    [
      'a policy targeting a route',
      policy('apps', {
        targetRefs: [
          { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'r' },
        ],
      }),
      'ok',
      /./,
    ],
    ['a policy without targets', policy('apps', undefined), 'ok', /./],
  ])('%s -> %s', (_, p, status, summary) => {
    const result = checkPolicyTargets(p, gateways);
    expect(result.status).toBe(status);
    expect(result.summary).toMatch(summary);
    expect(result.hint !== undefined).toBe(status === 'error');
  });
});
