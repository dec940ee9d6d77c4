export * from './GatewayApiClient';
