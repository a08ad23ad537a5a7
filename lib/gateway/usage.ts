// The batched writer: admitted requests move their key's last-used times and count against
// their account's quota, every request goes into the log and its rollups, in memory first;
// one statement per interval writes them all (db/queries/usage.ts).
import { describeDbError } from "@/db/queries/errors";
import { type AccountUse, type RequestRow, writeUsage } from "@/db/queries/usage";
import { env } from "@/lib/env";
import { dateAt, nowMs } from "@/lib/gateway/clock";
import { monthAt } from "@/lib/limits/period";
import { perProcess } from "@/lib/process-singleton";
import { Rollup } from "@/lib/request-log/rollup";
import { RowBuffer } from "@/lib/request-log/row-buffer";
import { logThrottled } from "@/lib/throttled-log";

/** Epoch milliseconds of a key's last use: of either secret, and of each. */
type Use = { at: number; current: number; previous: number };
// Admitted requests per month (period) and account: a Map per month, so a request costs two lookups and no string.
type Accounts = Map<string, Map<string, number>>;
type Buffer = { lastUse: Map<string, Use>; accounts: Accounts; rows: RowBuffer; rollup: Rollup; dropped: number };
type Writer = Buffer & { flushing?: Promise<void>; timers: NodeJS.Timeout[]; flushes: number };

const writer = perProcess<Writer>("usage", () => ({
  lastUse: new Map(),
  accounts: new Map(),
  rows: new RowBuffer(),
  rollup: new Rollup(),
  dropped: 0,
  timers: [],
  flushes: 0,
}));

/**
 * An admitted request: its key's last use (by the secret presented, as a rolled key's grace
 * needs) and one request of its account's monthly quota.
 */
export function touchKey(keyId: string, at: Date | number = nowMs(), secret: "current" | "previous" = "current", ownerId?: string): void {
  const { lastUse, accounts } = writer();
  const ms = typeof at === "number" ? at : at.getTime();
  let use = lastUse.get(keyId);
  if (!use) {
    use = { at: 0, current: 0, previous: 0 };
    lastUse.set(keyId, use);
  }
  if (use.at < ms) use.at = ms;
  if (secret === "current" ? use.current < ms : use.previous < ms) use[secret] = ms;
  if (ownerId) countAccount(accounts, monthAt(ms).period, ownerId, 1);
}

function countAccount(accounts: Accounts, period: string, ownerId: string, requests: number): void {
  let owners = accounts.get(period);
  if (!owners) {
    owners = new Map();
    accounts.set(period, owners);
  }
  owners.set(ownerId, (owners.get(ownerId) ?? 0) + requests);
}

/** Bounded: past REQUEST_LOG_BUFFER_MAX unwritten rows (a long database outage) the oldest go; their rollups stay. */
export function recordRequest(row: RequestRow): void {
  const w = writer();
  w.rows.add(row);
  w.rollup.add(row);
  dropOverflow(w);
}

const asDate = (ms: number) => (ms ? dateAt(ms) : null);

async function write(w: Writer): Promise<void> {
  if (w.lastUse.size === 0 && w.rows.size === 0 && w.accounts.size === 0) return;
  const { lastUse, accounts } = w;
  const log = w.rows.take();
  const rolled = w.rollup.drain();
  w.lastUse = new Map();
  w.accounts = new Map();
  const accountUses: AccountUse[] = [...accounts].flatMap(([period, owners]) => [...owners].map(([ownerId, requests]) => ({ ownerId, period, requests })));
  try {
    await writeUsage({
      lastUses: [...lastUse].map(([keyId, u]) => ({ keyId, at: dateAt(u.at), currentAt: asDate(u.current), previousAt: asDate(u.previous) })),
      log,
      ...rolled,
      accounts: accountUses,
    });
    w.flushes++;
    if (w.dropped) console.warn(`Gatehouse: ${w.dropped} request-log rows were dropped while the database was unreachable`);
    w.dropped = 0;
  } catch (error) {
    // Put it all back; later uses and rows win, counts add up, and the bound still holds.
    for (const [keyId, u] of lastUse) {
      if (u.current) touchKey(keyId, u.current, "current");
      if (u.previous) touchKey(keyId, u.previous, "previous");
    }
    for (const { ownerId, period, requests } of accountUses) countAccount(w.accounts, period, ownerId, requests);
    w.rollup.restore(rolled);
    w.rows.restore(log);
    dropOverflow(w);
    logThrottled("usage flush", `usage flush failed, will retry: ${describeDbError(error)}`);
  }
}

function dropOverflow(w: Writer): void {
  if (w.rows.size > env().REQUEST_LOG_BUFFER_MAX) w.dropped += w.rows.keepNewest(env().REQUEST_LOG_BUFFER_MAX);
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
  w.timers.push(setInterval(() => void flushUsage(), env().USAGE_FLUSH_MS));
  for (const timer of w.timers) timer.unref();
}

export async function stopUsageWriter(): Promise<void> {
  const w = writer();
  for (const timer of w.timers) clearInterval(timer);
  w.timers = [];
  await flushUsage();
}

/** Statements written so far: for the benchmark and tests. */
export function usageFlushCount(): number {
  return writer().flushes;
}
