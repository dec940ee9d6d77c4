import { stringify } from 'yaml';

/**
 * A kubeconfig for kubectl and @kubernetes/client-node. It points at the HTTPS side of the
 * server (kubectl sends bearer tokens only over TLS) and skips verification of the
 * per-process self-signed certificate; the server listens on loopback by default.
 */
export function kubeconfigFor(
  url: string,
  token: string,
  username = 'dev-cluster-user',
): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'dev-cluster',
        cluster: { server: url, 'insecure-skip-tls-verify': true },
      },
    ],
    users: [{ name: username, user: { token } }],
    contexts: [
      {
        name: 'dev-cluster',
        context: {
          cluster: 'dev-cluster',
          user: username,
          namespace: 'default',
        },
      },
    ],
    'current-context': 'dev-cluster',
  });
}
