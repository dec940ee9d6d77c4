/**
 * The status code each redirect of a translation is written with (common's per-class rule,
 * against the target's install and GatewayClass), and the difference that says which and why
 * when it is not ingress-nginx's.
 */
import {
  RedirectStatusCodeChoice,
  redirectStatusCodeFor,
} from '../redirectFeatures';
import { DifferenceList } from './differences';
import { MigrationTarget } from './types';

/** The code a redirect ingress-nginx answered with `requested` is written with on the target. */
export function writtenStatusCode(
  target: MigrationTarget,
  requested: number,
): RedirectStatusCodeChoice {
  return redirectStatusCodeFor(requested, {
    installAccepts: target.httpRouteRedirectCodes === true,
    supportedFeatures: target.supportedFeatures,
  });
}

/** What a client does differently once the core code replaces the extended one. */
const CONSEQUENCE: Record<number, string> = {
  308: 'A client following a 301 may turn a POST into a GET, which a 308 forbids.',
  307: 'A client following a 302 may turn a POST into a GET, which a 307 forbids.',
  303: 'A client following a 302 may repeat a POST, where a 303 had it follow with a GET.',
};

function why(target: MigrationTarget, choice: RedirectStatusCodeChoice) {
  const gatewayClass = target.gatewayClassName
    ? `GatewayClass ${target.gatewayClassName}`
    : 'the GatewayClass';
  switch (choice.reason) {
    case 'install':
      return `the cluster's HTTPRoute takes only the status codes 301 and 302 (Gateway API before v1.5); Gateway API v1.5 or later keeps ${choice.requested}`;
    case 'class-lists-no-features':
      return `${gatewayClass} lists no supportedFeatures yet, so it is not known to serve ${choice.feature}; a controller refuses a route with a code it cannot serve, and the hostname would stop answering, while ${choice.statusCode} always serves. Migrate again once its controller lists its features to keep ${choice.requested}`;
    default:
      return `${gatewayClass} does not list ${choice.feature} among its supportedFeatures, so its controller would refuse the route with ${choice.requested}`;
  }
}

/**
 * Records `redirect-status-code:<annotation>` (informational) when a redirect is written with
 * another code than ingress-nginx's, saying which and why; returns its id, or undefined when the
 * code is kept. `redirected` says what was redirected, e.g. `HTTP to HTTPS for shop.example.com`.
 */
export function statusCodeDifference(
  differences: DifferenceList,
  target: MigrationTarget,
  annotation: string,
  redirected: string,
  choice: RedirectStatusCodeChoice,
): string | undefined {
  if (!choice.reason) return undefined;
  return differences.add('redirect-status-code', {
    subject: annotation,
    severity: 'informational',
    message: `ingress-nginx redirected ${redirected} with ${
      choice.requested
    }; written as ${choice.statusCode}: ${why(target, choice)}. ${
      CONSEQUENCE[choice.requested] ?? ''
    }`.trim(),
  });
}

/** The written code for a report line: `308`, or `301 instead of 308`. */
export function statusCodeText(choice: RedirectStatusCodeChoice): string {
  return choice.statusCode === choice.requested
    ? `${choice.statusCode}`
    : `${choice.statusCode} instead of ${choice.requested}`;
}
