import { WarningPanel } from '@backstage/core-components';

/** Says which clusters have not been read completely yet, so missing rows are expected. */
export const PendingClustersNote = ({ clusters }: { clusters: string[] }) => (
  <WarningPanel
    severity="info"
    title={`Still reading ${clusters.join(', ')}`}
    message="Gatehouse has not finished its first list of these clusters; their hostnames may be missing for a few seconds."
  />
);
