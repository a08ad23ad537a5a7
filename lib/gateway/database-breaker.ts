// Fail fast while the database is known to be unreachable. Without this, every request whose
// key is not in a trusted cache waited for a connection attempt to time out (seconds), and the
// server answered nothing meanwhile. Open: such requests get 503 at once, and a probe on a
// connection of its own asks every PROBE_EVERY_MS whether the database is back.
import postgres from "postgres";
import { describeDbError } from "@/db/queries/errors";
import { env } from "@/lib/env";
import { processSingleton } from "@/lib/process-singleton";
import { logThrottled } from "@/lib/throttled-log";

const PROBE_EVERY_MS = 100;
const PROBE_CONNECT_TIMEOUT_S = 1;

type Breaker = { open: boolean; since: number; stopped: boolean; timer?: NodeJS.Timeout; probe?: postgres.Sql };

const breaker = () => processSingleton<Breaker>("databaseBreaker", () => ({ open: false, since: 0, stopped: false }));

export function databaseKnownDown(): boolean {
  return breaker().open;
}

/** A lookup failed or the LISTEN connection dropped: refuse at once until a probe succeeds. */
export function reportDatabaseDown(reason: string): void {
  const b = breaker();
  if (b.stopped) return;
  if (!b.open) {
    b.open = true;
    b.since = Date.now();
    logThrottled("breaker", `database unreachable (${reason}); answering 503 without waiting until it is back`);
  }
  scheduleProbe(b);
}

function scheduleProbe(b: Breaker): void {
  if (b.timer || b.stopped) return;
  b.timer = setTimeout(() => void probe(b), PROBE_EVERY_MS);
  b.timer.unref();
}

async function probe(b: Breaker): Promise<void> {
  const url = env().DATABASE_URL;
  if (!url) return;
  b.probe ??= postgres(url, {
    max: 1,
    connect_timeout: PROBE_CONNECT_TIMEOUT_S,
    backoff: false, // paced by PROBE_EVERY_MS: postgres-js's own backoff grows to 20 s between attempts
    idle_timeout: 5,
    fetch_types: false,
    onnotice: () => {},
    connection: { application_name: "gatehouse-probe" },
  });
  try {
    await b.probe`select 1`;
    b.timer = undefined;
    if (b.open) console.log(`Gatehouse: database reachable again after ${Date.now() - b.since} ms`);
    b.open = false;
  } catch (error) {
    b.timer = undefined;
    logThrottled("breaker probe", `database still unreachable: ${describeDbError(error)}`);
    scheduleProbe(b);
  }
}

export async function stopDatabaseBreaker(): Promise<void> {
  const b = breaker();
  b.stopped = true;
  clearTimeout(b.timer);
  await b.probe?.end({ timeout: 1 });
}
