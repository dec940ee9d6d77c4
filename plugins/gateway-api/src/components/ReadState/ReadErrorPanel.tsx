import { ResponseErrorPanel, WarningPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import RefreshIcon from '@material-ui/icons/Refresh';
import { readRefusal } from './readRefusal';

/**
 * Why a read failed: "You may not see ..." when the backend refuses it to the caller (nothing
 * to retry), else the error with a button to read again.
 */
export const ReadErrorPanel = (props: {
  error: Error;
  /** What was read, as in "You may not see <subject>". */
  subject: string;
  onRetry: () => void;
}) => {
  const refusal = readRefusal(props.error);
  if (refusal !== undefined) {
    return (
      <WarningPanel
        severity="info"
        title={`You may not see ${props.subject}`}
        defaultExpanded
        message={`${refusal}. It does not exist, or the catalog does not let you read it: ask its owner for access.`}
      />
    );
  }
  return (
    <>
      <ResponseErrorPanel error={props.error} />
      <Box mt={1}>
        <Button
          variant="outlined"
          startIcon={<RefreshIcon />}
          onClick={props.onRetry}
        >
          Retry
        </Button>
      </Box>
    </>
  );
};
