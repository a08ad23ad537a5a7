// The lifecycle sweep: every second, on every instance, graces that have run out (or gone
// quiet) end and newly expired keys are noted in the audit log. The statements pick rows with
// SKIP LOCKED, so instances never record one event twice. An ended grace reaches every
// instance's cache through the key-change trigger; expiry the gateway enforces by itself.

import { describeDbError } from "@/db/queries/errors";
import { endGraces, lifecycleDue, noteExpiries } from "@/db/queries/key-lifecycle";
import { env } from "@/lib/env";
import { processSingleton } from "@/lib/process-singleton";
import { logThrottled } from "@/lib/throttled-log";

type Sweeper = { timer?: NodeJS.Timeout; running?: Promise<void> };
const sweeper = () => processSingleton<Sweeper>("keyLifecycle", () => ({}));

export async function sweepKeyLifecycle(): Promise<void> {
  try {
    const due = await lifecycleDue(env().KEY_GRACE_QUIET_MS);
    if (due.graces) await endGraces(env().KEY_GRACE_QUIET_MS);
    if (due.expiries) await noteExpiries();
  } catch (error) {
    logThrottled("key lifecycle", `key lifecycle sweep failed, will retry: ${describeDbError(error)}`);
  }
}

export function startKeyLifecycle(): void {
  const s = sweeper();
  if (s.timer) return;
  s.timer = setInterval(() => {
    s.running ??= sweepKeyLifecycle().finally(() => (s.running = undefined));
  }, env().KEY_LIFECYCLE_SWEEP_MS);
  s.timer.unref();
}

export async function stopKeyLifecycle(): Promise<void> {
  const s = sweeper();
  clearInterval(s.timer);
  s.timer = undefined;
  await s.running;
}
