import http from 'node:http';
import https from 'node:https';

/** The TLS options an agent connects with: two agents with equal ones may share sockets. */
const TLS_OPTIONS = [
  'ca',
  'cert',
  'key',
  'pfx',
  'passphrase',
  'rejectUnauthorized',
  'servername',
] as const;

type AgentOptions = https.AgentOptions & Record<string, unknown>;

const sameValue = (a: unknown, b: unknown): boolean => {
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b);
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  }
  return a === b;
};

/**
 * client-node makes a new agent for every request and watch, so each one opens its own TCP
 * connection and TLS handshake: at 200k objects a full sync is hundreds of list pages, and the
 * handshakes cost both sides more than the pages. This keeps one keep-alive agent per cluster
 * and swaps it in for client-node's, as long as the TLS options are the same (a client
 * certificate read again from its file after rotation gets a new agent). Proxy agents, which
 * client-node makes for a cluster's `proxyUrl`, are left as they are.
 */
export class KeepAliveAgents {
  private current:
    | { agent: http.Agent; options: AgentOptions; secure: boolean }
    | undefined;

  /** The pooled agent to use in place of `fresh`, or `fresh` itself when it is a proxy's. */
  pooled<T>(fresh: T): T | http.Agent {
    const secure = fresh instanceof https.Agent;
    if (!fresh || !isPlainAgent(fresh)) return fresh;
    const options = (fresh as unknown as { options: AgentOptions }).options;
    const current = this.current;
    if (
      current &&
      current.secure === secure &&
      TLS_OPTIONS.every(k => sameValue(current.options[k], options[k]))
    ) {
      return current.agent;
    }
    const tls = Object.fromEntries(
      TLS_OPTIONS.filter(k => options[k] !== undefined).map(k => [
        k,
        options[k],
      ]),
    );
    const agent = secure
      ? new https.Agent({ ...tls, keepAlive: true })
      : new http.Agent({ keepAlive: true });
    this.current = { agent, options, secure };
    return agent;
  }
}

/** An `http.Agent` or `https.Agent` itself, not a subclass (a proxy agent). */
function isPlainAgent(agent: unknown): boolean {
  const prototype = Object.getPrototypeOf(agent);
  return (
    prototype === https.Agent.prototype || prototype === http.Agent.prototype
  );
}
