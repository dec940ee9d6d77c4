import {
  AppliedPolicy,
  PolicyPrecedence,
} from '@gatehouse/backstage-plugin-gateway-api-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { shortStatusText } from '../../exposures/statusWords';
import { StatusText } from '../status';

const PRECEDENCE_WORDS: Record<PolicyPrecedence, string> = {
  effective: 'In force',
  merged: 'In force, merged under',
  overridden: 'Overridden by',
  conflicted: 'Not applied: the older',
};

// Fixed widths, so a verdict such as "Conflicted" is never broken inside the word.
const COLUMNS: Array<[string, string]> = [
  ['Policy', '24%'],
  ['Targets', '18%'],
  ['Sets', '24%'],
  ['Precedence', '20%'],
  ['Controller', '14%'],
];

const targetText = (target: AppliedPolicy['target']) =>
  `${target.kind} ${target.namespace}/${target.name}${
    target.sectionName ? ` (${target.sectionName})` : ''
  }`;

/**
 * The implementation policies that apply to a hostname, as `egctl` shows effective
 * configuration: what each targets, what it sets, whether it is the one in force where two of
 * a kind overlap, and whether the controller accepted it.
 */
export const ExposurePolicies = ({
  policies,
}: {
  policies: AppliedPolicy[];
}) => (
  <Table
    size="small"
    aria-label="Policies in force"
    style={{ tableLayout: 'fixed' }}
  >
    <TableHead>
      <TableRow>
        {COLUMNS.map(([title, width]) => (
          <TableCell key={title} style={{ width }}>
            {title}
          </TableCell>
        ))}
      </TableRow>
    </TableHead>
    <TableBody>
      {policies.map(policy => (
        <TableRow key={`${policy.kind}/${policy.namespace}/${policy.name}`}>
          <TableCell style={{ overflowWrap: 'anywhere' }}>
            {policy.kind} {policy.namespace}/{policy.name}
          </TableCell>
          <TableCell style={{ overflowWrap: 'anywhere' }}>
            {targetText(policy.target)}
          </TableCell>
          <TableCell>
            {policy.settings.length > 0 ? (
              policy.settings.map(setting => (
                <Typography variant="body2" key={setting}>
                  {setting}
                </Typography>
              ))
            ) : (
              <Typography variant="body2" color="textSecondary">
                nothing Gatehouse summarises
              </Typography>
            )}
          </TableCell>
          <TableCell>
            <StatusText
              status={
                policy.precedence === 'effective' ||
                policy.precedence === 'merged'
                  ? 'ok'
                  : 'warning'
              }
            >
              {PRECEDENCE_WORDS[policy.precedence]}
              {policy.overriddenBy ? ` ${policy.overriddenBy}` : ''}
            </StatusText>
          </TableCell>
          <TableCell>
            <StatusText status={policy.status.status}>
              {shortStatusText(policy.status, 'Accepted')}
            </StatusText>
          </TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
);
