// The batched writer: accepted requests move their key's last-used time and every request
// goes into the log, in memory first; one statement per interval writes them all (with the
// rollups and sources computed from them, db/queries/usage.ts).
import { describeDbError } from "@/db/queries/errors";
import { type RequestRow, writeUsage } from "@/db/queries/usage";
import { env } from "@/lib/env";
import { processSingleton } from "@/lib/process-singleton";
import { logThrottled } from "@/lib/throttled-log";

type Buffer = { lastUse: Map<string, Date>; rows: RequestRow[]; dropped: number };
type Writer = Buffer & { flushing?: Promise<void>; timers: NodeJS.Timeout[]; flushes: number };

const writer = (): Writer => processSingleton("usage", () => ({ lastUse: new Map(), rows: [], dropped: 0, timers: [], flushes: 0 }));

export function touchKey(keyId: string, at: Date = new Date()): void {
  const { lastUse } = writer();
  const seen = lastUse.get(keyId);
  if (!seen || seen < at) lastUse.set(keyId, at);
}

/** Bounded: past REQUEST_LOG_BUFFER_MAX unwritten rows (a long database outage) the oldest go. */
export function recordRequest(row: RequestRow): void {
  const w = writer();
  w.rows.push(row);
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
      [...lastUse].map(([keyId, at]) => ({ keyId, at })),
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
  // Retention is lib/request-log/maintenance.ts's: it drops whole days of the log.
  w.timers.push(setInterval(() => void flushUsage(), env().USAGE_FLUSH_MS));
  for (const timer of w.timers) timer.unref();
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
