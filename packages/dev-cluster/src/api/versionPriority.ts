// Orders versions the way Kubernetes does for discovery: GA > beta > alpha, higher numbers first.
const pattern = /^v(\d+)(?:(alpha|beta)(\d+))?$/;

function rank(version: string): [number, number, number] {
  const m = pattern.exec(version);
  if (!m) return [0, 0, 0];
  const stability = { alpha: 1, beta: 2 }[m[2] as 'alpha' | 'beta'] ?? 3;
  return [stability, Number(m[1]), m[3] ? Number(m[3]) : 0];
}

export function compareVersionPriority(a: string, b: string): number {
  const ra = rank(a);
  const rb = rank(b);
  for (let i = 0; i < 3; i++) {
    if (ra[i] !== rb[i]) return rb[i] - ra[i];
  }
  return a.localeCompare(b);
}
