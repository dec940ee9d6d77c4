/**
 * A refusal of the Kubernetes API in words a person can act on: client-node's exception carries
 * the API server's Status object as a JSON string; this keeps its code and reason and leads
 * with its message.
 */
export class KubernetesApiError extends Error {
  readonly code: number;
  readonly reason?: string;
  readonly headers?: Record<string, string>;

  constructor(
    message: string,
    details: {
      code: number;
      reason?: string;
      headers?: Record<string, string>;
    },
  ) {
    super(message);
    this.name = 'KubernetesApiError';
    this.code = details.code;
    this.reason = details.reason;
    this.headers = details.headers;
  }
}

/** Rewrites client-node's ApiException; anything else passes through unchanged. */
export function toKubernetesApiError(error: unknown, what: string): unknown {
  const e = error as {
    code?: unknown;
    body?: unknown;
    headers?: Record<string, string>;
  };
  if (typeof e?.code !== 'number') return error;
  let status: { message?: string; reason?: string } = {};
  try {
    status =
      typeof e.body === 'string'
        ? JSON.parse(e.body)
        : (e.body as object) ?? {};
  } catch {
    // Not a Status object: keep the bare code.
  }
  return new KubernetesApiError(
    `${what}: ${status.message ?? `HTTP ${e.code}`}${
      status.reason ? ` (${status.reason})` : ''
    }`,
    { code: e.code, reason: status.reason, headers: e.headers },
  );
}
