import Box from '@material-ui/core/Box';
import { useClusterProblems } from '../../hooks/useClusterProblems';
import { ClusterProblemsNote } from '../ClusterProblemsNote';

/**
 * Warns when the tenant's cluster is left out or cannot be read: its Gateways may be missing or
 * out of date. Reads the problems itself, so their polling does not render the card again.
 */
export const TenantClusterWarning = (props: {
  cluster: string;
  refreshIntervalMs?: number;
}) => {
  const problems = useClusterProblems(props.refreshIntervalMs)?.filter(
    p => p.cluster === props.cluster,
  );
  if (!problems?.length) return null;
  return (
    <Box mb={2}>
      <ClusterProblemsNote problems={problems} />
    </Box>
  );
};
