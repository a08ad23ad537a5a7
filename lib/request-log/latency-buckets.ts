// Latency histogram buckets (milliseconds), the same in the rollup writer and in SQL
// (gatehouse_latency_bucket in db/migrations): bucket i holds latencies from BOUNDS[i-1]
// (0 for the first) up to, not including, BOUNDS[i]; the last one everything from 60 s.
// Roughly 1-2-3-5 steps: a percentile read from them is off by at most one bucket's width.
export const LATENCY_BOUNDS = [
  1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 7500, 10000, 15000, 30000, 60000,
];
export const LATENCY_BUCKETS = LATENCY_BOUNDS.length + 1;

/** The bucket a latency falls in: PostgreSQL's width_bucket(ms, LATENCY_BOUNDS). */
export function latencyBucket(ms: number): number {
  let lo = 0;
  let hi = LATENCY_BOUNDS.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ms >= LATENCY_BOUNDS[mid]) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** [from, to) of bucket i; the last one is open-ended (to = Infinity). */
export function bucketRange(i: number): [number, number] {
  return [i === 0 ? 0 : LATENCY_BOUNDS[i - 1], LATENCY_BOUNDS[i] ?? Number.POSITIVE_INFINITY];
}
