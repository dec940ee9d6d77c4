import {
  Table,
  TableColumn,
  TableFilter,
  TableState,
} from '@backstage/core-components';
import { Exposure } from '@gatehouse/backstage-plugin-gateway-api-common';
import { ReactElement, ReactNode, useMemo } from 'react';
import { ExposureRow, toExposureRow } from './columns';
import { ExposureDetails } from './ExposureDetails';

/** A table of exposures, one row per hostname, each row opening onto its details. */
export const ExposureTable = (props: {
  title: string | ReactElement;
  exposures: Exposure[];
  columns: TableColumn<ExposureRow>[];
  search?: boolean;
  filters?: TableFilter[];
  initialState?: TableState;
  onStateChange?: (state: TableState) => void;
  emptyContent?: ReactNode;
}) => {
  const rows = useMemo(
    () => props.exposures.map(toExposureRow),
    [props.exposures],
  );
  return (
    <Table<ExposureRow>
      title={props.title}
      data={rows}
      columns={props.columns}
      filters={props.filters}
      initialState={props.initialState}
      onStateChange={props.onStateChange}
      emptyContent={props.emptyContent}
      // Lets the table shrink beside the filters and scroll sideways instead of overflowing.
      style={{ minWidth: 0 }}
      options={{
        search: props.search ?? false,
        // The Table keeps initialState.search for onStateChange but does not search with it.
        searchText: props.initialState?.search,
        paging: rows.length > 20,
        pageSize: 20,
        padding: 'dense',
      }}
      detailPanel={[
        {
          tooltip: 'Show parentRefs, backends, certificate and hints',
          render: ({ rowData }) => <ExposureDetails exposure={rowData} />,
        },
      ]}
    />
  );
};
