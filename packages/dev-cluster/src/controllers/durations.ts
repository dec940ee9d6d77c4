const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/**
 * Parses a Go duration as cert-manager uses them ("2160h", "1h30m", "90s");
 * returns undefined when the text is not one.
 */
export function parseDuration(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map(p => p[0]).join('') !== text) {
    return undefined;
  }
  return parts.reduce(
    (sum, [, value, unit]) => sum + Number(value) * UNIT_MS[unit],
    0,
  );
}

/** Formats milliseconds as Go does ("72h0m0s"), the form cert-manager writes. */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  return `${hours}h${minutes}m${totalSeconds % 60}s`;
}
