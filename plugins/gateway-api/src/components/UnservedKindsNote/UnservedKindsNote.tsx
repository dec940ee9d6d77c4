import { WarningPanel } from '@backstage/core-components';
import {
  UnservedKinds,
  unservedKindNotes,
} from '@gatehouse/backstage-plugin-gateway-api-common';

/** Whether any cluster lacks a kind worth telling the reader about. */
export const hasUnservedKindNotes = (unserved?: UnservedKinds[]) =>
  unservedKindNotes(unserved ?? []).length > 0;

/**
 * Says which kinds a cluster does not serve, so a missing passthrough route reads as "this
 * cluster cannot have one", never as "there is none". Renders nothing when there is nothing
 * worth saying.
 */
export const UnservedKindsNote = ({
  unserved,
}: {
  unserved?: UnservedKinds[];
}) => {
  const notes = unservedKindNotes(unserved ?? []);
  if (notes.length === 0) return null;
  return (
    <WarningPanel
      severity="info"
      title={notes.length === 1 ? notes[0] : 'Kinds some clusters do not serve'}
      message={notes.length === 1 ? undefined : notes.join(' ')}
    />
  );
};
