// Rollup rows → what the Dashboard and a key's page show: per-point counts by outcome and
// p50/p99, and the range's totals and percentiles. Pure, so tests reach it without a page.
import type { RollupRow } from "@/db/queries/traffic";
import { isSuccess, sortOutcomes } from "@/lib/dashboard/outcomes";
import { pointIndex, type RangeWindow } from "@/lib/dashboard/ranges";
import { addHistogram, emptyHistogram, percentile } from "@/lib/request-log/percentiles";

export type TrafficPoint = { at: string; total: number; counts: Record<string, number>; p50: number | null; p99: number | null };
export type TrafficSummary = {
  points: TrafficPoint[];
  outcomes: string[];
  byOutcome: Record<string, number>;
  total: number;
  succeeded: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
};

export function summarize(rows: readonly RollupRow[], window: RangeWindow): TrafficSummary {
  const histograms = window.points.map(() => emptyHistogram());
  const points: TrafficPoint[] = window.points.map((at) => ({ at: at.toISOString(), total: 0, counts: {}, p50: null, p99: null }));
  const byOutcome: Record<string, number> = {};
  const all = emptyHistogram();
  for (const row of rows) {
    const i = pointIndex(window, row.bucket);
    if (i < 0) continue;
    const point = points[i];
    point.total += row.requests;
    point.counts[row.outcome] = (point.counts[row.outcome] ?? 0) + row.requests;
    byOutcome[row.outcome] = (byOutcome[row.outcome] ?? 0) + row.requests;
    addHistogram(histograms[i], row.latency);
    addHistogram(all, row.latency);
  }
  points.forEach((point, i) => {
    point.p50 = percentile(histograms[i], 0.5);
    point.p99 = percentile(histograms[i], 0.99);
  });
  const outcomes = sortOutcomes(Object.keys(byOutcome));
  const total = Object.values(byOutcome).reduce((a, b) => a + b, 0);
  const succeeded = outcomes.filter(isSuccess).reduce((n, o) => n + byOutcome[o], 0);
  return { points, outcomes, byOutcome, total, succeeded, p50: percentile(all, 0.5), p95: percentile(all, 0.95), p99: percentile(all, 0.99) };
}

/** Per-point counts for one key's sparkline, from its rows of (bucket, requests). */
export function sparkline(rows: readonly { bucket: Date; requests: number }[], window: RangeWindow): number[] {
  const counts = window.points.map(() => 0);
  for (const row of rows) {
    const i = pointIndex(window, row.bucket);
    if (i >= 0) counts[i] += row.requests;
  }
  return counts;
}
