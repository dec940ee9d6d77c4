export { IngressMigrationSection } from './IngressMigrationSection';
