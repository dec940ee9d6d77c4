import {
  Exposure,
  StatusLevel,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ExposureProblem, exposureProblems } from '../../exposures/problems';
import { HintText, StatusText } from '../status';

const FAILED_ACME_STATES = ['invalid', 'errored', 'expired'];

function challengeStatus(state: string): StatusLevel {
  if (state === 'valid') return 'ok';
  return FAILED_ACME_STATES.includes(state) ? 'error' : 'pending';
}

const Challenges = ({ problem }: { problem: ExposureProblem }) => (
  <Box mt={1}>
    {problem.orderState && (
      <Typography variant="body2">
        ACME Order {problem.orderState}
        {problem.orderReason && `: ${problem.orderReason}`}
      </Typography>
    )}
    {problem.challenges?.map(challenge => (
      <StatusText
        key={`${challenge.type} ${challenge.dnsName}`}
        status={challengeStatus(challenge.state)}
      >
        {challenge.type} challenge for {challenge.dnsName}: {challenge.state}
        {challenge.reason && ` (${challenge.reason})`}
      </StatusText>
    ))}
  </Box>
);

/** Each problem of one exposure with its hint, so the fix is on screen, not in a tooltip. */
export const ExposureProblems = ({ exposure }: { exposure: Exposure }) => (
  <>
    {exposureProblems(exposure).map(problem => (
      <Box key={problem.subject} mb={2}>
        <Typography variant="subtitle2">{problem.subject}</Typography>
        <StatusText status={problem.status}>{problem.summary}</StatusText>
        {problem.hints.map(hint => (
          <Box key={hint.meaning} mt={0.5}>
            <HintText hint={hint} />
          </Box>
        ))}
        {problem.challenges && problem.challenges.length > 0 && (
          <Challenges problem={problem} />
        )}
      </Box>
    ))}
  </>
);
