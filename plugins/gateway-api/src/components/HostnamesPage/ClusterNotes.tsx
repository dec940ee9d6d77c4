import Grid from '@material-ui/core/Grid';
import { useClusterProblems } from '../../hooks/useClusterProblems';
import { ClusterProblemsNote } from '../ClusterProblemsNote';
import { PendingClustersNote } from '../PendingClustersNote';

/**
 * The page's notes on its clusters: those whose hostnames are missing, with why, and those
 * still being read (a cluster with a problem is not "still being read"). Reads the problems
 * itself, so their polling does not render the page's table again.
 */
export const ClusterNotes = (props: {
  pendingClusters: string[];
  refreshIntervalMs?: number;
}) => {
  const problems = useClusterProblems(props.refreshIntervalMs);
  const pending = props.pendingClusters.filter(
    cluster => !problems?.some(p => p.cluster === cluster),
  );
  return (
    <>
      {problems && problems.length > 0 && (
        <Grid item xs={12}>
          <ClusterProblemsNote problems={problems} />
        </Grid>
      )}
      {pending.length > 0 && (
        <Grid item xs={12}>
          <PendingClustersNote clusters={pending} />
        </Grid>
      )}
    </>
  );
};
