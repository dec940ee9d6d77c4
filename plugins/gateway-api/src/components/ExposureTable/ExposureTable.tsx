import {
  Table,
  TableColumn,
  TableFilter,
  TableState,
} from '@backstage/core-components';
import { Exposure } from '@gatehouse/backstage-plugin-gateway-api-common';
import GetAppIcon from '@material-ui/icons/GetApp';
import { ReactElement, ReactNode, useMemo, useRef } from 'react';
import { exposuresCsv } from '../../exposures/exposuresCsv';
import { ExposureRow, toExposureRow } from './columns';
import { downloadFile } from './downloadFile';
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
  /** Offers the rows shown (after filters and search) as a CSV file of this name. */
  csvFileName?: string;
}) => {
  const rows = useMemo(
    () => props.exposures.map(toExposureRow),
    [props.exposures],
  );
  // material-table's own instance: its state.data holds the rows after search, filters and
  // sort, across pages, which is what the person sees.
  const tableRef = useRef<{ state?: { data?: ExposureRow[] } }>();
  const { csvFileName } = props;
  return (
    <Table<ExposureRow>
      title={props.title}
      data={rows}
      columns={props.columns}
      filters={props.filters}
      initialState={props.initialState}
      onStateChange={props.onStateChange}
      emptyContent={props.emptyContent}
      tableRef={tableRef}
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
      actions={
        csvFileName
          ? [
              {
                icon: () => <GetAppIcon />,
                tooltip: 'Download the rows shown as CSV',
                isFreeAction: true,
                onClick: () =>
                  downloadFile(
                    csvFileName,
                    exposuresCsv(tableRef.current?.state?.data ?? rows),
                    'text/csv;charset=utf-8',
                  ),
              },
            ]
          : undefined
      }
      detailPanel={[
        {
          tooltip: 'Show the path, parentRefs, backends, certificate and hints',
          render: ({ rowData }) => <ExposureDetails exposure={rowData} />,
        },
      ]}
    />
  );
};
