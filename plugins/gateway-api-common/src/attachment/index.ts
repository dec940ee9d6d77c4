export * from './attachment';
export { supportedRouteKinds } from './listeners';
export type { ListenerPrediction, SecretKey } from './listeners';
export {
  compareListenerSets,
  effectiveListeners,
  gatewayAllowsListenerSet,
  listenerSetNamesGateway,
  listenerSetParentRef,
  predictListenerSets,
} from './listenerSets';
export type {
  EffectiveListener,
  ListenerSetPrediction,
  ObjectKey,
} from './listenerSets';
export * from './labelSelector';
export * from './predictedCondition';
export * from './referenceGrant';
