// Background housekeeping every instance runs (all of it safe to run on several at once):
// - every few seconds: quota tokens idle on this instance go back to the shared counter;
// - hourly: audit-log partitions made ahead and dropped past AUDIT_RETENTION_DAYS, old
//   sign-in attempts and rate-limit windows deleted.

import { dropAuditPartitionsBefore, ensureAuditPartitions } from "@/db/queries/audit-partitions";
import { describeDbError } from "@/db/queries/errors";
import { pruneKeyWindows } from "@/db/queries/limits";
import { pruneAuthAttempts } from "@/lib/auth-throttle";
import { env } from "@/lib/env";
import { releaseIdle } from "@/lib/limits/registry";
import { processSingleton } from "@/lib/process-singleton";
import { logThrottled } from "@/lib/throttled-log";

const DAY_MS = 24 * 60 * 60 * 1000;
const QUOTA_IDLE_MS = 10_000;
const timers = () => processSingleton<{ list: NodeJS.Timeout[] }>("maintenance", () => ({ list: [] }));

async function guarded(name: string, work: () => Promise<unknown>): Promise<void> {
  await work().catch((error) => logThrottled(`maintenance ${name}`, `${name} failed, will retry: ${describeDbError(error)}`));
}

export async function hourlyMaintenance(now = new Date()): Promise<void> {
  await guarded("audit partitions", async () => {
    await ensureAuditPartitions(now, 3);
    await dropAuditPartitionsBefore(new Date(now.getTime() - env().AUDIT_RETENTION_DAYS * DAY_MS));
  });
  await guarded("sign-in attempts", () => pruneAuthAttempts());
  await guarded("rate windows", () => pruneKeyWindows(new Date(now.getTime() - 5 * 60_000)));
}

export function startMaintenance(): void {
  const t = timers();
  if (t.list.length) return;
  t.list.push(
    setInterval(() => void guarded("quota release", () => releaseIdle(QUOTA_IDLE_MS)), 5_000),
    setInterval(() => void hourlyMaintenance(), 60 * 60 * 1000),
  );
  for (const timer of t.list) timer.unref();
  void hourlyMaintenance();
}

/** At shutdown: every quota token this instance holds goes back. */
export async function stopMaintenance(): Promise<void> {
  const t = timers();
  for (const timer of t.list) clearInterval(timer);
  t.list = [];
  await guarded("quota release", () => releaseIdle(0));
}
