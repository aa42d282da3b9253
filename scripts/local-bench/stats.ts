// Latency summaries and ratios, the way every row of the bench reports them.

export interface Summary {
  n: number;
  min: number;
  median: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of sorted samples (q in 0..1). */
function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] ?? Number.NaN;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = samples.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  return {
    n: sorted.length,
    min: sorted[0] ?? Number.NaN,
    median: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

const fixed = (value: number, digits: number): string =>
  Number.isFinite(value) ? value.toFixed(digits) : "n/a";

/** Milliseconds with a precision that suits their size. */
export const ms = (value: number): string => fixed(value, Math.abs(value) < 10 ? 1 : 0);

export const describeSummary = (s: Summary): string =>
  `min ${ms(s.min)} · median ${ms(s.median)} · p95 ${ms(s.p95)} · p99 ${ms(s.p99)} · max ${ms(s.max)} ms (n=${s.n})`;

/** a ÷ b, as "1.23×". */
export const times = (a: number, b: number): string => `${fixed(a / b, a / b < 10 ? 2 : 0)}×`;
