import { IngressMigrationPlan } from './migrationPlan';

const cell = (text: string | undefined) =>
  (text ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ') || '—';

/**
 * The translation report of one Ingress in Markdown, for the task's output: what each path and
 * annotation became, the differences (blocking first) with their ids to accept, and the routes.
 */
export function migrationReportMarkdown(plan: IngressMigrationPlan): string {
  const { report } = plan.translation;
  const ref = `${plan.ingress.namespace}/${plan.ingress.name}`;
  const lines: string[] = [];
  lines.push(
    `### Ingress ${ref}: ${
      plan.blocking.length
        ? `blocked by ${plan.blocking.length} difference(s)`
        : `${plan.routes.length} route(s)`
    }`,
  );
  lines.push('', report.routeSplit, '');
  if (plan.blocking.length) {
    lines.push('**Blocking differences**', '');
    for (const d of plan.blocking) {
      lines.push(
        `- \`${d.id}\`${d.security ? ' (security)' : ''}: ${d.message}${
          d.acceptable
            ? ' Accept it by id if that is fine.'
            : ' This cannot be accepted; change the Ingress.'
        }`,
      );
    }
    lines.push('');
  }
  lines.push(
    '| Host | Path | Backend | Becomes |',
    '| --- | --- | --- | --- |',
  );
  for (const p of report.paths) {
    lines.push(
      `| ${cell(p.host ?? '*')} | ${cell(
        p.path ? `${p.path} (${p.pathType ?? ''})` : 'default backend',
      )} | ${cell(p.backend)} | ${cell(
        p.route
          ? `HTTPRoute ${p.route}${
              p.match?.path ? ` ${p.match.path.type} ${p.match.path.value}` : ''
            }`
          : p.reason,
      )} |`,
    );
  }
  if (report.annotations.length) {
    lines.push(
      '',
      '| Annotation | Outcome | Gateway API |',
      '| --- | --- | --- |',
    );
    for (const a of report.annotations) {
      lines.push(
        `| ${cell(a.annotation)} | ${cell(a.outcome)} | ${cell(
          a.gatewayApi ?? a.reason,
        )} |`,
      );
    }
  }
  const others = report.differences.filter(
    d => !plan.blocking.some(b => b.id === d.id),
  );
  if (others.length) {
    lines.push('', '**Other differences**', '');
    for (const d of others) {
      let how: string = d.severity;
      if (plan.acceptedByLayout.includes(d.id)) {
        how = "accepted: the tenant's Gateway already redirects HTTP to HTTPS";
      } else if (d.accepted) {
        how = 'accepted';
      }
      lines.push(`- \`${d.id}\` (${how}): ${d.message}`);
    }
  }
  if (plan.routes.length) {
    lines.push('', `Routes: ${plan.routes.join(', ')}`);
  }
  return lines.join('\n');
}
