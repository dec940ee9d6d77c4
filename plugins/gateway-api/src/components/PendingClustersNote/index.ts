export { PendingClustersNote } from './PendingClustersNote';
