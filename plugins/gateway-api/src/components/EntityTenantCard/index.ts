export { EntityTenantCard } from './EntityTenantCard';
