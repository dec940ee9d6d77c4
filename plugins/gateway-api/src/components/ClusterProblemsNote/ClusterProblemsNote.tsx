import { WarningPanel } from '@backstage/core-components';
import {
  ClusterProblem,
  clusterProblemMessage,
  clusterProblemTitle,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import Box from '@material-ui/core/Box';

/**
 * Says which clusters' hostnames are missing and why (left out, unreachable, refusing
 * Gatehouse's credential, a locator not read), so an empty or short list is never taken for
 * the truth. Renders nothing when every cluster is read.
 */
export const ClusterProblemsNote = ({
  problems,
}: {
  problems?: ClusterProblem[];
}) => {
  if (!problems?.length) return null;
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
      {problems.map(problem => (
        <WarningPanel
          key={`${problem.locator}/${problem.cluster ?? ''}`}
          severity="warning"
          title={clusterProblemTitle(problem)}
          message={clusterProblemMessage(problem)}
        />
      ))}
    </Box>
  );
};
