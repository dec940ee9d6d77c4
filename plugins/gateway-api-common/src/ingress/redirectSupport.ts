/**
 * The redirects of a translation against the target GatewayClass's supportedFeatures: a
 * controller that lacks an extended feature a RequestRedirect needs refuses the whole route
 * (Accepted False, UnsupportedValue), so each such redirect is a difference before anything is
 * written.
 */
import { missingRedirectFeatures } from '../redirectFeatures';
import { Translation } from './context';
import {
  annotationRedirect,
  appRootRedirect,
  standaloneRedirect,
} from './rules';

function classLabel(t: Translation): string {
  const name = t.input.target.gatewayClassName;
  return name ? `GatewayClass ${name}` : 'The GatewayClass';
}

function lacks(t: Translation, missing: string[]): string {
  return `${classLabel(t)} does not list ${missing.join(
    ', ',
  )} among its supportedFeatures, so its controller would refuse the route`;
}

/** The features the HTTP → HTTPS redirect route (ssl-redirect) needs and the class lacks. */
export function httpsRedirectMissing(t: Translation): string[] {
  return missingRedirectFeatures(
    [standaloneRedirect(t, undefined, 'https')],
    t.input.target.supportedFeatures,
  );
}

/**
 * The separate redirect route on the HTTP listener: acceptable, since the host still answers
 * over HTTPS as before; accepted, that route is not written and plain HTTP is not redirected.
 */
export function httpsRedirectUnsupported(
  t: Translation,
  host: string,
  missing: string[],
): string {
  return t.differences.add('https-redirect-unsupported', {
    subject: host,
    message: `ingress-nginx redirected HTTP to HTTPS for ${host}; ${lacks(
      t,
      missing,
    )}. Accepted, no redirect route is written and plain HTTP on ${host} is no longer redirected (nor served); redirect at the load balancer in front instead, or migrate to a GatewayClass that supports it.`,
  });
}

/**
 * The redirects a host answers with (permanent/temporal-redirect, app-root) the class cannot
 * serve. from-to-www-redirect needs none: it redirects the hostname only (core), with a status
 * code chosen per class (statusCodes.ts). Not acceptable: accepting could only drop the redirect, and then the
 * hostname stops answering (a redirect route has nothing else to serve; the other www name has
 * no other route) or / silently reaches the backend instead of the application root. That
 * change is the user's to make on the Ingress, where it is visible; the migration writes nothing
 * its controller would refuse. Returns the ids, with the annotation each concerns.
 */
export function unsupportedHostRedirects(
  t: Translation,
  hosts: string[],
): Array<{ annotation: string; id: string }> {
  const supported = t.input.target.supportedFeatures;
  const found: Array<{ annotation: string; id: string }> = [];
  const check = (
    annotation: string,
    redirects: Parameters<typeof missingRedirectFeatures>[0],
    names: string[],
    consequence: string,
    fix: (missing: string[]) => string,
  ) => {
    const missing = missingRedirectFeatures(redirects, supported);
    if (!missing.length || !names.length) return;
    found.push({
      annotation,
      id: t.differences.add('redirect-unsupported', {
        subject: annotation,
        acceptable: false,
        message: `${t.prefix}/${annotation} makes ${names.join(
          ', ',
        )} answer with a redirect; ${lacks(
          t,
          missing,
        )}, and ${consequence}. ${fix(
          missing,
        )}, or migrate to a GatewayClass that supports it.`,
      }),
    });
  };
  const redirect = annotationRedirect(t);
  if (redirect && t.features.redirect) {
    const { annotation } = t.features.redirect;
    check(
      annotation,
      [redirect],
      hosts,
      `${hosts.join(', ')} would stop answering`,
      // Never for the status code alone: one the class lacks is written as 301 or 302.
      () =>
        `Redirect elsewhere than through the Gateway (the application, or the load balancer in front), then remove ${annotation} from the Ingress`,
    );
  }
  const appRoot = appRootRedirect(t);
  if (appRoot) {
    check(
      'app-root',
      [appRoot],
      hosts,
      `${hosts.join(', ')} would stop answering`,
      () =>
        'Remove app-root from the Ingress (/ then reaches the backend, which can redirect itself)',
    );
  }
  return found;
}
