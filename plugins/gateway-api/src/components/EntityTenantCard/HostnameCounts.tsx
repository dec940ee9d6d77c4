import {
  compareStatusLevels,
  StatusLevel,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { STATUS_LABELS } from '../../exposures/statusWords';
import { StatusText } from '../status';

/** How many of the tenant's hostnames are in each status, worst first. */
export const HostnameCounts = (props: {
  counts: Record<StatusLevel, number>;
}) => {
  const levels = (Object.keys(props.counts) as StatusLevel[])
    .filter(level => props.counts[level] > 0)
    .sort((a, b) => compareStatusLevels(b, a));
  if (levels.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No hostname exposed yet.
      </Typography>
    );
  }
  return (
    <Box display="flex" flexWrap="wrap" gridGap={24}>
      {levels.map(level => (
        <StatusText key={level} status={level}>
          {props.counts[level]} {STATUS_LABELS[level]}
        </StatusText>
      ))}
    </Box>
  );
};
