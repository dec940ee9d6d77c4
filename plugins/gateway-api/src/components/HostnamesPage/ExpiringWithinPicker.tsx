import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';

const CHOICES = [7, 14, 30, 90];
const ANY = 'any';

/** Picks "certificates expiring within N days" (expired ones included), or any hostname. */
export const ExpiringWithinPicker = (props: {
  value?: number;
  onChange: (days: number | undefined) => void;
}) => {
  // A value from a hand-written URL is offered too, so the picker shows what filters.
  const choices =
    props.value === undefined || CHOICES.includes(props.value)
      ? CHOICES
      : [...CHOICES, props.value].sort((a, b) => a - b);
  return (
    <TextField
      select
      id="gateway-api-expiring-within"
      label="Certificate expires within"
      variant="outlined"
      size="small"
      style={{ minWidth: 240 }}
      value={props.value ?? ANY}
      onChange={event =>
        props.onChange(
          event.target.value === ANY ? undefined : Number(event.target.value),
        )
      }
    >
      <MenuItem value={ANY}>Any time, or no certificate</MenuItem>
      {choices.map(days => (
        <MenuItem key={days} value={days}>
          {days} days
        </MenuItem>
      ))}
    </TextField>
  );
};
