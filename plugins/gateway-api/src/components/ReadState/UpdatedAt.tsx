import Box from '@material-ui/core/Box';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import useInterval from 'react-use/esm/useInterval';
import useUpdate from 'react-use/esm/useUpdate';
import { relativeTime } from './relativeTime';

/**
 * "Updated 5 seconds ago" (the exact time in its title) and a button to read again now, so
 * people can tell how fresh a status is.
 */
export const UpdatedAt = (props: {
  updatedAt?: Date;
  onRefresh: () => void;
  /** What is read again, for the button's label: "Refresh <subject>". */
  subject: string;
}) => {
  const rerender = useUpdate();
  // The relative time must move on between reads.
  useInterval(rerender, 5_000);
  const { updatedAt } = props;
  return (
    <Box display="flex" alignItems="center" justifyContent="flex-end">
      {updatedAt && (
        <Typography variant="caption" color="textSecondary" noWrap>
          Updated{' '}
          <time
            dateTime={updatedAt.toISOString()}
            title={updatedAt.toLocaleString()}
          >
            {relativeTime(updatedAt, new Date())}
          </time>
        </Typography>
      )}
      <IconButton
        size="small"
        aria-label={`Refresh ${props.subject}`}
        title={`Refresh ${props.subject}`}
        onClick={props.onRefresh}
      >
        <RefreshIcon fontSize="small" />
      </IconButton>
    </Box>
  );
};
