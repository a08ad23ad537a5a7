// The request log's upkeep, on every instance at start and then hourly: partitions for today
// and REQUEST_LOG_PARTITIONS_AHEAD days ahead, whole days dropped past
// REQUEST_LOG_RETENTION_DAYS (no large DELETE), rollups and sources pruned alike. The SQL
// functions take an advisory lock, so instances doing it at once take turns.
import { describeDbError } from "@/db/queries/errors";
import { dropRequestPartitionsBefore, ensureRequestPartitions, pruneRollups } from "@/db/queries/request-log-maintenance";
import { env } from "@/lib/env";
import { processSingleton } from "@/lib/process-singleton";
import { logThrottled } from "@/lib/throttled-log";

const EVERY_MS = 60 * 60 * 1000;
const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

type Job = { timer?: NodeJS.Timeout; running?: Promise<void> };
const job = () => processSingleton<Job>("requestLogMaintenance", () => ({}));

export type MaintenanceResult = { created: number; dropped: number; pruned: number };

/**
 * One run. A day's rows live in the partition of that day (UTC), which goes once the whole
 * day is past the retention: a row is kept between REQUEST_LOG_RETENTION_DAYS and one day more.
 */
export async function maintainRequestLog(now = Date.now()): Promise<MaintenanceResult> {
  const { REQUEST_LOG_RETENTION_DAYS: keep, REQUEST_LOG_PARTITIONS_AHEAD: ahead } = env();
  const created = await ensureRequestPartitions(dayOf(now), dayOf(now + ahead * DAY_MS));
  const dropped = await dropRequestPartitionsBefore(dayOf(now - keep * DAY_MS));
  const pruned = await pruneRollups(keep);
  return { created, dropped, pruned };
}

async function runOnce(): Promise<void> {
  try {
    await maintainRequestLog();
  } catch (error) {
    logThrottled("request log maintenance", `request log maintenance failed, will retry: ${describeDbError(error)}`);
  }
}

export function startRequestLogMaintenance(): void {
  const j = job();
  if (j.timer) return;
  const run = () => {
    j.running ??= runOnce().finally(() => (j.running = undefined));
  };
  j.timer = setInterval(run, EVERY_MS);
  j.timer.unref();
  run();
}

export async function stopRequestLogMaintenance(): Promise<void> {
  const j = job();
  clearInterval(j.timer);
  j.timer = undefined;
  await j.running;
}
