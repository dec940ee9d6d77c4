import {
  HostnameFacetField,
  HostnameFacets,
  STATUS_LABELS,
  TLS_STATE_LABELS,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { FILTER_FIELDS } from './filtersFromQuery';

const TITLES: Record<HostnameFacetField, string> = {
  tenant: 'Tenant',
  cluster: 'Cluster',
  owner: 'Owner',
  status: 'Status',
  tls: 'TLS',
  source: 'Served by',
  migration: 'Move from Ingress',
};

const WORDS: Partial<Record<HostnameFacetField, Record<string, string>>> = {
  status: STATUS_LABELS,
  tls: { ...TLS_STATE_LABELS, none: 'None' },
  source: { Route: 'Gateway API', Ingress: 'Ingress' },
  migration: {
    'ingress-only': 'On Ingress only',
    both: 'Ingress and route',
    moved: 'Moved',
  },
};

/** How a filter value reads: its word for states, else itself. */
export const facetValueLabel = (field: HostnameFacetField, value: string) =>
  WORDS[field]?.[value] ?? value;

/**
 * One multiple-choice filter per field, each value with how many hostnames have it (the
 * backend's facets, across every page). A chosen value the facets no longer list stays
 * offered, at 0, so it can be cleared.
 */
export const HostnameFacetFilters = (props: {
  facets?: HostnameFacets;
  selected: Partial<Record<HostnameFacetField, string[]>>;
  onChange: (field: HostnameFacetField, values: string[]) => void;
}) => (
  <Box
    display="flex"
    flexWrap="wrap"
    style={{ gap: 8 }}
    role="group"
    aria-label="Filter the hostnames"
  >
    {FILTER_FIELDS.map(field => {
      const selected = props.selected[field] ?? [];
      const counted = props.facets?.[field] ?? [];
      const options = [
        ...counted,
        ...selected
          .filter(value => !counted.some(f => f.value === value))
          .map(value => ({ value, count: 0 })),
      ];
      // A field with nothing to choose (no Ingress anywhere, say) takes no room.
      if (options.length === 0) return null;
      return (
        <TextField
          key={field}
          select
          id={`gateway-api-hostnames-${field}`}
          label={TITLES[field]}
          variant="outlined"
          size="small"
          // Wide enough for the title unshrunk beside the select's arrow.
          style={{ minWidth: Math.max(160, TITLES[field].length * 9 + 40) }}
          value={selected}
          SelectProps={{
            multiple: true,
            renderValue: value =>
              (value as string[])
                .map(v => facetValueLabel(field, v))
                .join(', '),
          }}
          onChange={event =>
            props.onChange(field, event.target.value as unknown as string[])
          }
        >
          {options.map(({ value, count }) => (
            <MenuItem key={value} value={value} dense>
              <Checkbox
                size="small"
                checked={selected.includes(value)}
                inputProps={{ 'aria-hidden': true }}
              />
              <ListItemText
                primary={`${facetValueLabel(field, value)} (${count})`}
              />
            </MenuItem>
          ))}
        </TextField>
      );
    })}
  </Box>
);
