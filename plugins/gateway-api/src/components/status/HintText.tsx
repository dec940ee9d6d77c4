import { Hint } from '@gatehouse/backstage-plugin-gateway-api-common';
import Typography from '@material-ui/core/Typography';

/** A hint in plain words: what it means, then what to do. */
export const HintText = ({ hint }: { hint: Hint }) => (
  <>
    <Typography variant="body2">{hint.meaning}</Typography>
    {hint.fix && (
      <Typography variant="body2" color="textSecondary">
        <strong>Fix:</strong> {hint.fix}
      </Typography>
    )}
  </>
);
