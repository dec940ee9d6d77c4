import { acceptedAndProgrammed, condition } from '../kube/status';
import { KubeObject } from '../kube/types';
import {
  GATEWAY_ACCEPTED_MESSAGE,
  GatewayParametersVerdict,
  ImplementationName,
} from './implementations';
import { ListenerModel, Problem } from './listeners';

export interface GatewayAddress {
  type: string;
  value: string;
}

const SUPPORTED_ADDRESS_TYPES = ['IPAddress', 'Hostname'];

/** Gateway-level reasons not to accept it: bad parameters (as its implementation reads them) or addresses. */
export function gatewayProblem(
  gateway: KubeObject,
  parameters: GatewayParametersVerdict = {},
): Problem | undefined {
  if (parameters.problem) return parameters.problem;
  const unsupported = requestedAddresses(gateway).find(
    a => !SUPPORTED_ADDRESS_TYPES.includes(a.type),
  );
  if (unsupported) {
    return {
      reason: 'UnsupportedAddress',
      message: `Address type ${unsupported.type} is not supported.`,
    };
  }
  return undefined;
}

/** The addresses set in `spec.addresses`, with the default type filled in. */
export function requestedAddresses(gateway: KubeObject): GatewayAddress[] {
  return (gateway.spec?.addresses ?? []).map((a: Partial<GatewayAddress>) => ({
    type: a.type ?? 'IPAddress',
    value: a.value ?? '',
  }));
}

export interface GatewayStatusInput {
  gateway: KubeObject;
  listeners: ListenerModel[];
  attachedRoutes: (listenerName: string) => number;
  addresses: GatewayAddress[];
  problem?: Problem;
  /** The implementation of its class (default Envoy Gateway) and how it read its parameters. */
  implementation?: ImplementationName;
  parameters?: GatewayParametersVerdict;
  /** ListenerSets attached to it; written only when the cluster serves ListenerSets. */
  attachedListenerSets?: number;
}

/** A listener the Gateway can serve: its protocol is supported and it conflicts with no other. */
export function isListenerAccepted(model: ListenerModel): boolean {
  return !model.unsupportedProtocol && !model.conflict;
}

export type ConditionOutcome = Problem & { status: boolean };

/** The Gateway's Accepted condition: its own problem, or how many of its listeners are invalid. */
export function gatewayAccepted(
  listeners: ListenerModel[],
  problem?: Problem,
  implementation: ImplementationName = 'envoy-gateway',
  acceptedAs?: Problem,
): ConditionOutcome {
  const invalidCount = listeners.filter(l => !isListenerAccepted(l)).length;
  if (problem) return { ...problem, status: false };
  if (invalidCount > 0) {
    return {
      status: invalidCount < listeners.length,
      reason: 'ListenersNotValid',
      message: `${invalidCount} of ${listeners.length} listeners are not valid.`,
    };
  }
  return {
    status: true,
    ...(acceptedAs ?? {
      reason: 'Accepted',
      message: GATEWAY_ACCEPTED_MESSAGE[implementation],
    }),
  };
}

export function gatewayStatus(
  input: GatewayStatusInput,
): Record<string, unknown> {
  const { gateway, listeners, addresses } = input;
  const generation = gateway.metadata.generation;
  const accepted = gatewayAccepted(
    listeners,
    input.problem,
    input.implementation,
    input.parameters?.acceptedAs,
  );
  let programmed: Problem & { status: boolean };
  if (!accepted.status) {
    programmed = {
      status: false,
      reason: 'Invalid',
      message: 'The Gateway is not accepted.',
    };
  } else if (addresses.length === 0) {
    programmed = {
      status: false,
      reason: 'AddressNotAssigned',
      message: 'No addresses have been assigned to the Gateway',
    };
  } else {
    programmed = {
      status: true,
      reason: 'Programmed',
      message: 'Address assigned to the Gateway, 1/1 envoy replicas available',
    };
  }
  const status: Record<string, unknown> = {
    conditions: [
      ...acceptedAndProgrammed(accepted, programmed, generation),
      ...(input.parameters?.resolvedRefs
        ? [
            condition(
              'ResolvedRefs',
              input.parameters.resolvedRefs.status,
              input.parameters.resolvedRefs.reason,
              input.parameters.resolvedRefs.message,
              generation,
            ),
          ]
        : []),
    ],
    listeners: listeners.map(model =>
      listenerStatus(
        model,
        input.attachedRoutes(model.listener.name),
        addresses.length > 0,
        generation,
      ),
    ),
  };
  if (addresses.length > 0) status.addresses = addresses;
  if (input.attachedListenerSets !== undefined) {
    status.attachedListenerSets = input.attachedListenerSets;
  }
  return status;
}

/**
 * A listener's status. A conflicted listener is neither accepted nor
 * programmed, with the conflict as the reason, as the conformance tests
 * expect.
 */
export function listenerStatus(
  model: ListenerModel,
  attachedRoutes: number,
  hasAddress: boolean,
  generation: number | undefined,
): Record<string, unknown> {
  const { unsupportedProtocol, unresolvedRefs, conflict } = model;
  const notAccepted = unsupportedProtocol ?? conflict;
  return {
    name: model.listener.name,
    supportedKinds: model.supportedKinds,
    attachedRoutes,
    conditions: [
      condition(
        'Accepted',
        !notAccepted,
        notAccepted?.reason ?? 'Accepted',
        notAccepted?.message ?? 'Listener has been successfully translated',
        generation,
      ),
      condition(
        'ResolvedRefs',
        !unresolvedRefs,
        unresolvedRefs?.reason ?? 'ResolvedRefs',
        unresolvedRefs?.message ?? 'Listener references have been resolved',
        generation,
      ),
      condition(
        'Conflicted',
        !!conflict,
        conflict?.reason ?? 'NoConflicts',
        conflict?.message ?? 'No conflicts found',
        generation,
      ),
      programmedCondition(model, hasAddress, generation),
    ],
  };
}

function programmedCondition(
  { unsupportedProtocol, unresolvedRefs, conflict }: ListenerModel,
  hasAddress: boolean,
  generation: number | undefined,
) {
  if (conflict) {
    return condition(
      'Programmed',
      false,
      conflict.reason,
      conflict.message,
      generation,
    );
  }
  if (unsupportedProtocol || unresolvedRefs) {
    return condition(
      'Programmed',
      false,
      'Invalid',
      'Listener is invalid, see other Conditions for details.',
      generation,
    );
  }
  return hasAddress
    ? condition(
        'Programmed',
        true,
        'Programmed',
        'Sending translated listener configuration to the data plane',
        generation,
      )
    : condition(
        'Programmed',
        false,
        'Pending',
        'Waiting for an address to be assigned to the Gateway',
        generation,
      );
}
