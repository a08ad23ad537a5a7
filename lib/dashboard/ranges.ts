// The Dashboard's time ranges: which rollup grain each reads and how wide a chart point is.
// Every range reads rollups, never the request log itself.
import type { RollupGrain } from "@/db/schema";
import { bucketStart } from "@/lib/request-log/rollup";

export const RANGE_IDS = ["1h", "24h", "7d", "30d"] as const;
export type RangeId = (typeof RANGE_IDS)[number];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const RANGES: Record<RangeId, { label: string; short: string; grain: RollupGrain; stepMs: number; points: number }> = {
  "1h": { label: "Last hour", short: "1 h", grain: "minute", stepMs: MINUTE, points: 60 },
  "24h": { label: "Last 24 hours", short: "24 h", grain: "hour", stepMs: HOUR, points: 24 },
  "7d": { label: "Last 7 days", short: "7 d", grain: "hour", stepMs: 6 * HOUR, points: 28 },
  "30d": { label: "Last 30 days", short: "30 d", grain: "day", stepMs: DAY, points: 30 },
};

export type RangeWindow = { id: RangeId; grain: RollupGrain; stepMs: number; from: Date; points: Date[] };

/** The points of a range ending with the one that holds `now`, oldest first (UTC-aligned). */
export function rangeWindow(id: RangeId, now: Date = new Date()): RangeWindow {
  const { grain, stepMs, points } = RANGES[id];
  const last = Math.floor(bucketStart(grain, now).getTime() / stepMs) * stepMs;
  const starts = Array.from({ length: points }, (_, i) => new Date(last - (points - 1 - i) * stepMs));
  return { id, grain, stepMs, from: starts[0], points: starts };
}

/** The index of the point a rollup bucket belongs to, or -1 outside the window. */
export function pointIndex(window: RangeWindow, bucket: Date): number {
  const i = Math.floor((bucket.getTime() - window.from.getTime()) / window.stepMs);
  return i >= 0 && i < window.points.length ? i : -1;
}
