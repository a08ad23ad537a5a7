// verifyApiKey(): the one check for every path that serves gateway traffic (the lane, and the
// route Next.js runs if a gateway request ever reaches it).
// Order: key in the query string → header → format and checksum (no I/O) → cache (known and
// unknown keys) → breaker → a cap on lookups in flight → one indexed query → the old secret's
// grace, expiry, status. Limits come after, in the lane (lib/gateway/admit.ts).
import { describeDbError } from "@/db/queries/errors";
import { findKeyByHash, type KeyForGateway } from "@/db/queries/keys";
import { env } from "@/lib/env";
import { nowMs } from "@/lib/gateway/clock";
import { databaseKnownDown, reportDatabaseDown } from "@/lib/gateway/database-breaker";
import { keyCache } from "@/lib/gateway/key-cache";
import type { RefusalCode } from "@/lib/gateway/refusals";
import { parseKey } from "@/lib/keys/format";
import { perProcess } from "@/lib/process-singleton";
import { logThrottled } from "@/lib/throttled-log";

/** What verification reads from a request, whatever carried it (node:http or a Web Request). */
/** `origin`: the client's address, which may have only a few new keys looked up at a time. */
export type PresentedRequest = { apiKey: string | undefined; authorization: string | undefined; search: string; origin?: string };

/** `key` is known on a refusal only when the key exists, so it can go into its owner's request log. */
export type Verification = { ok: true; key: KeyForGateway } | { ok: false; code: RefusalCode; key?: KeyForGateway };

const QUERY_KEY_NAMES = new Set(["api_key", "apikey", "key", "x-api-key"]);
// A lookup slower than this means a database in trouble: answer 503 and let the breaker probe.
const LOOKUP_TIMEOUT_MS = 1_000;

function presentedKey({ apiKey, authorization }: PresentedRequest): string | null {
  if (apiKey) return apiKey.trim();
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  return match ? match[1] : null;
}

function keyInQuery(search: string): boolean {
  if (search.length < 2) return false;
  for (const name of new URLSearchParams(search).keys()) if (QUERY_KEY_NAMES.has(name.toLowerCase())) return true;
  return false;
}

type Lookup = { generation: number; result: Promise<KeyForGateway | null> };
// One per process: the lane and Next.js's bundle share it, as they share the cache's generation.
const inFlight = perProcess("keyLookups", () => new Map<string, Lookup>());
// New lookups in flight per client address: a flood from one address cannot start more
// before its invalid-key count (lib/gateway/invalid-key-guard.ts) shuts it out.
const LOOKUPS_PER_ORIGIN = 4;
const byOrigin = perProcess("keyLookupsByOrigin", () => new Map<string, number>());

/**
 * Concurrent requests with the same uncached key share one query, but only while no key has
 * been revoked since it started: a request must never be answered from a read that began
 * before the switch it arrived after.
 */
function lookup(hash: string, origin: string | undefined): Promise<KeyForGateway | null> | "busy" {
  const generation = keyCache().currentGeneration;
  const lookups = inFlight();
  const pending = lookups.get(hash);
  if (pending?.generation === generation) return pending.result;
  // A flood of distinct keys (forged ones, say) must not queue up on the database.
  const origins = byOrigin();
  const fromOrigin = origin ? (origins.get(origin) ?? 0) : 0;
  if (lookups.size >= env().KEY_LOOKUPS_MAX || fromOrigin >= LOOKUPS_PER_ORIGIN) return "busy";
  if (origin) origins.set(origin, fromOrigin + 1);
  const entry: Lookup = {
    generation,
    result: findKeyByHash(hash)
      .then((key) => {
        keyCache().set(hash, key, generation);
        return key;
      })
      .finally(() => {
        if (lookups.get(hash) === entry) lookups.delete(hash);
        if (origin) {
          const left = (origins.get(origin) ?? 1) - 1;
          if (left > 0) origins.set(origin, left);
          else origins.delete(origin);
        }
      }),
  };
  lookups.set(hash, entry);
  return entry.result;
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${LOOKUP_TIMEOUT_MS} ms`)), LOOKUP_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The old secret of a rolled key after its grace reads as unknown; expiry is to the millisecond. */
function decide(key: KeyForGateway | null): Verification {
  if (!key) return { ok: false, code: "unknown_key" };
  const now = nowMs();
  if (key.secret === "previous" && (!key.graceUntil || key.graceUntil.getTime() <= now)) return { ok: false, code: "unknown_key" };
  if (!key.active) return { ok: false, code: "key_disabled", key };
  if (key.expiresAt && key.expiresAt.getTime() <= now) return { ok: false, code: "key_expired", key };
  return { ok: true, key };
}

async function lookUpAndDecide(hash: string, origin: string | undefined): Promise<Verification> {
  if (databaseKnownDown()) return { ok: false, code: "database_unavailable" };
  const pending = lookup(hash, origin);
  if (pending === "busy") return { ok: false, code: "gateway_busy" };
  try {
    return decide(await withTimeout(pending));
  } catch (error) {
    const reason = describeDbError(error);
    reportDatabaseDown(`key lookup failed: ${reason}`);
    logThrottled("key lookup", `key lookup failed, answering 503: ${reason}`);
    return { ok: false, code: "database_unavailable" };
  }
}

/**
 * The answer itself when no database is needed (a refusal, or a key in the trusted cache), a
 * Promise only when it must ask the database: the lane answers a cached key without creating
 * a single Promise (each one costs async_hooks work once Next.js's AsyncLocalStorages exist).
 */
export function verifyApiKey(presented: PresentedRequest): Verification | Promise<Verification> {
  if (keyInQuery(presented.search)) return { ok: false, code: "key_in_query" };
  const raw = presentedKey(presented);
  if (!raw) return { ok: false, code: "missing_key" };
  const parsed = parseKey(raw);
  if (!parsed.ok) return { ok: false, code: "invalid_key" };
  const key = keyCache().get(parsed.hash);
  return key === undefined ? lookUpAndDecide(parsed.hash, presented.origin) : decide(key);
}
