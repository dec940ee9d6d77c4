export * from './meta';
export * from './core';
export * from './gatewayApi';
export * from './certManager';
export * from './ingress';
