// Percentiles from a latency histogram (lib/request-log/latency-buckets.ts): the bucket that
// holds the nearest-rank percentile, and a straight-line guess inside it, so the figure is
// never off by more than that bucket's width.
import { bucketRange, LATENCY_BUCKETS } from "@/lib/request-log/latency-buckets";

export function emptyHistogram(): number[] {
  return new Array(LATENCY_BUCKETS).fill(0);
}

/** Adds `more` into `into` (same buckets) and returns `into`. */
export function addHistogram(into: number[], more: readonly number[]): number[] {
  for (let i = 0; i < into.length; i++) into[i] += more[i] ?? 0;
  return into;
}

/** p in (0, 1]: e.g. 0.95. Null for an empty histogram. */
export function percentile(histogram: readonly number[], p: number): number | null {
  const total = histogram.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    const n = histogram[i];
    if (n === 0) continue;
    if (seen + n >= rank) {
      const [from, to] = bucketRange(i);
      if (!Number.isFinite(to)) return from;
      // The k-th of n values in [from, to), spread evenly.
      return from + ((to - from) * (rank - seen - 0.5)) / n;
    }
    seen += n;
  }
  return null;
}
