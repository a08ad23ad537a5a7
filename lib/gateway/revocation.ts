// LISTEN/NOTIFY: a trigger on api_keys (db/migrations/0001) notifies the hash of every key
// switched off, on or deleted; every instance drops it from its cache. A lost connection
// may have missed notifications, so the cache is emptied and bypassed until LISTEN is back,
// and the breaker answers 503 at once until the database is reachable again.
import postgres from "postgres";
import { describeDbError } from "@/db/queries/errors";
import { reportDatabaseDown } from "@/lib/gateway/database-breaker";
import { keyCache } from "@/lib/gateway/key-cache";
import { forgetLimits } from "@/lib/limits/registry";

export const KEY_CHANGED_CHANNEL = "gatehouse_key_changed";
// A plan edited or an account moved (db/migrations/0005): payload the account's id, or *.
export const LIMITS_CHANGED_CHANNEL = "gatehouse_limits_changed";

function onNotification(channel: string, payload: string): void {
  if (channel === KEY_CHANGED_CHANNEL) keyCache().delete(payload);
  if (channel === LIMITS_CHANGED_CHANNEL) {
    const owner = payload === "*" ? undefined : payload;
    keyCache().deleteOwner(owner);
    void forgetLimits(owner).catch(() => {});
  }
}
const RETRY_MS = 500;

type Listener = { sql: postgres.Sql; stopped: boolean; retry?: NodeJS.Timeout };
const slot = Symbol.for("gatehouse.revocation");
const store = globalThis as typeof globalThis & { [slot]?: Listener };

export function startRevocationListener(url: string): void {
  if (store[slot]) return;
  const listener: Listener = {
    stopped: false,
    sql: postgres(url, {
      max: 1,
      idle_timeout: 0,
      max_lifetime: null,
      connect_timeout: 5,
      backoff: false, // paced by RETRY_MS: postgres-js's own backoff grows to 20 s between attempts
      fetch_types: false,
      onnotice: () => {},
      connection: { application_name: "gatehouse-revocation" },
      onnotify: onNotification,
      onclose: () => {
        keyCache().setTrusted(false);
        if (!listener.stopped) reportDatabaseDown("the revocation listener lost its connection");
        retrySoon();
      },
    } as postgres.Options<Record<string, never>>), // onnotify is real but missing from the typings
  };
  store[slot] = listener;
  let warned = false;
  // A failed connection reports both through onclose and through the rejected LISTEN: retry once.
  function retrySoon(): void {
    if (listener.stopped || listener.retry) return;
    listener.retry = setTimeout(() => {
      listener.retry = undefined;
      void listen();
    }, RETRY_MS);
    listener.retry.unref();
  }
  async function listen(): Promise<void> {
    if (listener.stopped) return;
    try {
      await listener.sql.unsafe(`LISTEN ${KEY_CHANGED_CHANNEL}`);
      await listener.sql.unsafe(`LISTEN ${LIMITS_CHANGED_CHANNEL}`);
      keyCache().setTrusted(true);
      warned = false;
    } catch (error) {
      if (!warned) console.error(`Gatehouse: key revocation listener is down (${describeDbError(error)}); keys are checked in the database until it returns`);
      warned = true;
      keyCache().setTrusted(false);
      reportDatabaseDown(`LISTEN failed: ${describeDbError(error)}`);
      retrySoon();
    }
  }
  void listen();
}

export async function stopRevocationListener(): Promise<void> {
  const listener = store[slot];
  if (!listener) return;
  listener.stopped = true;
  clearTimeout(listener.retry);
  store[slot] = undefined;
  await listener.sql.end({ timeout: 2 });
}
