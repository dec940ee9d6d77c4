export * from './targets';
export * from './types';
export * from './kinds';
export * from './mistakes';
export * from './inForce';
export * from './servedBy';
