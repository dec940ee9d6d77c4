export * from './attachment';
export { supportedRouteKinds } from './listeners';
export type { ListenerPrediction, SecretKey } from './listeners';
export * from './labelSelector';
export * from './predictedCondition';
export * from './referenceGrant';
