import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { StatusLevel } from '@gatehouse/backstage-plugin-gateway-api-common';
import { ReactNode } from 'react';

const ICONS: Record<
  StatusLevel,
  (props: { children?: ReactNode }) => JSX.Element
> = {
  ok: StatusOK,
  pending: StatusPending,
  warning: StatusWarning,
  error: StatusError,
  // Nothing reported is not a failure, but not a success either.
  unknown: StatusAborted,
};

/** A status icon of core-components with its label. */
export const StatusText = (props: {
  status: StatusLevel;
  children: ReactNode;
}) => {
  const Icon = ICONS[props.status];
  return <Icon>{props.children}</Icon>;
};
