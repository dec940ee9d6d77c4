import {
  DependencyGraph,
  DependencyGraphTypes,
} from '@backstage/core-components';
import {
  Exposure,
  StatusLevel,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import { makeStyles, Theme, useTheme } from '@material-ui/core/styles';
import { useMemo } from 'react';
import { exposurePath, PathNode } from './exposurePath';

// A mark beside the status word, so the status reads without colour too.
const MARKS: Record<StatusLevel, string> = {
  ok: '✓',
  pending: '…',
  warning: '!',
  error: '✕',
  unknown: '?',
};

const LINE_HEIGHT = 16;
const PADDING = 8;
// Roughly the advance of a 12px sans-serif character: nodes are sized before they are drawn.
const CHAR_WIDTH = 6.4;

const useStyles = makeStyles(theme => ({
  box: { fill: theme.palette.background.paper, strokeWidth: 2 },
  kind: { fill: theme.palette.text.secondary, fontSize: 11 },
  name: { fill: theme.palette.text.primary, fontSize: 12, fontWeight: 500 },
  status: { fill: theme.palette.text.primary, fontSize: 12 },
}));

/** The colour of a status, as core-components' Status icons draw it. */
const statusColour = (theme: Theme, status: StatusLevel | undefined) => {
  const colours = theme.palette.status;
  if (!status) return theme.palette.text.secondary;
  return {
    ok: colours.ok,
    pending: colours.pending,
    warning: colours.warning,
    error: colours.error,
    unknown: colours.aborted,
  }[status];
};

const lines = (node: PathNode) => [
  node.detail ? `${node.kind} · ${node.detail}` : node.kind,
  node.name,
  ...(node.status ? [`${MARKS[node.status]} ${node.statusText}`] : []),
];

const PathNodeBox = ({ node }: { node: PathNode }) => {
  const classes = useStyles();
  const colour = statusColour(useTheme(), node.status);
  const text = lines(node);
  const width =
    Math.max(...text.map(line => line.length)) * CHAR_WIDTH + 2 * PADDING + 6;
  const height = text.length * LINE_HEIGHT + 2 * PADDING;
  return (
    <g>
      <title>{text.join(', ')}</title>
      <rect
        className={classes.box}
        stroke={colour}
        width={width}
        height={height}
        rx={6}
      />
      {node.status && <rect fill={colour} width={6} height={height} rx={3} />}
      {text.map((line, i) => (
        <text
          key={i}
          x={PADDING + 6}
          y={PADDING + (i + 1) * LINE_HEIGHT - 4}
          className={
            [classes.kind, classes.name, classes.status][i] ?? classes.status
          }
        >
          {line}
        </text>
      ))}
    </g>
  );
};

const renderNode = ({
  node,
}: DependencyGraphTypes.RenderNodeProps<PathNode>) => (
  <PathNodeBox node={node} />
);

/**
 * The path of one hostname, client -> Gateway and listener (or Gateway -> ListenerSet and
 * listener) -> route -> Service, each hop
 * outlined in its status colour and labelled with its status in words.
 */
export const ExposurePicture = ({ exposure }: { exposure: Exposure }) => {
  const { nodes, edges } = useMemo(() => exposurePath(exposure), [exposure]);
  return (
    <DependencyGraph<PathNode, {}>
      nodes={nodes}
      edges={edges}
      renderNode={renderNode}
      direction={DependencyGraphTypes.Direction.LEFT_RIGHT}
      nodeMargin={20}
      rankMargin={50}
      paddingX={4}
      paddingY={4}
      zoom="disabled"
      allowFullscreen={false}
      showArrowHeads
      role="group"
      aria-label={`Path of ${exposure.hostname}: client, Gateway, ${
        exposure.gateways.some(g => g.listenerSet) ? 'ListenerSet, ' : ''
      }${exposure.route.kind}, Service`}
    />
  );
};
