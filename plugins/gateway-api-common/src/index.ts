/**
 * Types, annotations, permissions and the pure domain logic of the Gatehouse Gateway API plugins.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './permissions';
export * from './hostname';
