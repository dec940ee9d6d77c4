export { ClusterProblemsNote } from './ClusterProblemsNote';
