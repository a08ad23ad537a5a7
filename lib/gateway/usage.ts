// The batched writer: accepted requests move their key's last-used time and every request
// goes into the log, in memory first; one statement per interval writes them all.
import { describeDbError } from "@/db/queries/errors";
import { pruneRequests, type RequestRow, requestRowJson, writeUsage } from "@/db/queries/usage";
import { env } from "@/lib/env";
import { dateAt, nowMs } from "@/lib/gateway/clock";
import { processSingleton } from "@/lib/process-singleton";
import { logThrottled } from "@/lib/throttled-log";

// Last-used times as epoch milliseconds: a number per request rather than a Date.
// Log rows as the JSON text the flush sends (db/queries/usage.ts).
type Buffer = { lastUse: Map<string, number>; rows: string[]; dropped: number };
type Writer = Buffer & { flushing?: Promise<void>; timers: NodeJS.Timeout[]; flushes: number };

const writer = (): Writer => processSingleton("usage", () => ({ lastUse: new Map(), rows: [], dropped: 0, timers: [], flushes: 0 }));

export function touchKey(keyId: string, at: Date | number = nowMs()): void {
  const { lastUse } = writer();
  const ms = typeof at === "number" ? at : at.getTime();
  const seen = lastUse.get(keyId);
  if (seen === undefined || seen < ms) lastUse.set(keyId, ms);
}

/** Bounded: past REQUEST_LOG_BUFFER_MAX unwritten rows (a long database outage) the oldest go. */
export function recordRequest(row: RequestRow): void {
  const w = writer();
  w.rows.push(requestRowJson(row));
  dropOverflow(w);
}

async function write(w: Writer): Promise<void> {
  if (w.lastUse.size === 0 && w.rows.length === 0) return;
  const lastUse = w.lastUse;
  const rows = w.rows;
  w.lastUse = new Map();
  w.rows = [];
  try {
    await writeUsage(
      [...lastUse].map(([keyId, at]) => ({ keyId, at: dateAt(at) })),
      rows,
    );
    w.flushes++;
    if (w.dropped) console.warn(`Gatehouse: ${w.dropped} request-log rows were dropped while the database was unreachable`);
    w.dropped = 0;
  } catch (error) {
    // Put them back; later uses and rows win, and the bound still holds.
    for (const [keyId, at] of lastUse) touchKey(keyId, at);
    w.rows = rows.concat(w.rows);
    dropOverflow(w);
    logThrottled("usage flush", `usage flush failed, will retry: ${describeDbError(error)}`);
  }
}

function dropOverflow(w: Writer): void {
  const excess = w.rows.length - env().REQUEST_LOG_BUFFER_MAX;
  if (excess > 0) {
    w.rows.splice(0, excess);
    w.dropped += excess;
  }
}

/** One flush at a time; a call during a flush waits for it and then flushes what came since. */
export async function flushUsage(): Promise<void> {
  const w = writer();
  while (w.flushing) await w.flushing;
  w.flushing = write(w).finally(() => (w.flushing = undefined));
  await w.flushing;
}

export function startUsageWriter(): void {
  const w = writer();
  if (w.timers.length) return;
  const prune = () =>
    pruneRequests(env().REQUEST_LOG_RETENTION_DAYS).catch((e) => console.error(`Gatehouse: pruning the request log failed: ${describeDbError(e)}`));
  w.timers.push(
    setInterval(() => void flushUsage(), env().USAGE_FLUSH_MS),
    setInterval(prune, 60 * 60 * 1000),
  );
  for (const timer of w.timers) timer.unref();
  void prune();
}

export async function stopUsageWriter(): Promise<void> {
  const w = writer();
  w.timers.forEach(clearInterval);
  w.timers = [];
  await flushUsage();
}

/** Statements written so far: for the benchmark and tests. */
export function usageFlushCount(): number {
  return writer().flushes;
}
