// verifyApiKey(): the one check for every path that serves gateway traffic (the lane, and the
// route Next.js runs if a gateway request ever reaches it).
// Order: key in the query string → header → format and checksum (no I/O) → cache → breaker → one indexed query.
import { describeDbError } from "@/db/queries/errors";
import { findKeyByHash, type KeyForGateway } from "@/db/queries/keys";
import { databaseKnownDown, reportDatabaseDown } from "@/lib/gateway/database-breaker";
import { keyCache } from "@/lib/gateway/key-cache";
import type { RefusalCode } from "@/lib/gateway/refusals";
import { touchKey } from "@/lib/gateway/usage";
import { parseKey } from "@/lib/keys/format";
import { processSingleton } from "@/lib/process-singleton";
import { logThrottled } from "@/lib/throttled-log";

/** What verification reads from a request, whatever carried it (node:http or a Web Request). */
export type PresentedRequest = { apiKey: string | undefined; authorization: string | undefined; search: string };

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
const inFlight = () => processSingleton("keyLookups", () => new Map<string, Lookup>());

/**
 * Concurrent requests with the same uncached key share one query, but only while no key has
 * been revoked since it started: a request must never be answered from a read that began
 * before the switch it arrived after.
 */
function lookup(hash: string): Promise<KeyForGateway | null> {
  const generation = keyCache().currentGeneration;
  const lookups = inFlight();
  const pending = lookups.get(hash);
  if (pending?.generation === generation) return pending.result;
  const entry: Lookup = {
    generation,
    result: findKeyByHash(hash)
      .then((key) => {
        keyCache().set(hash, key, generation);
        return key;
      })
      .finally(() => {
        if (lookups.get(hash) === entry) lookups.delete(hash);
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

function decide(key: KeyForGateway | null): Verification {
  if (!key) return { ok: false, code: "unknown_key" };
  if (!key.active) return { ok: false, code: "key_disabled", key };
  touchKey(key.id);
  return { ok: true, key };
}

async function lookUpAndDecide(hash: string): Promise<Verification> {
  if (databaseKnownDown()) return { ok: false, code: "database_unavailable" };
  try {
    return decide(await withTimeout(lookup(hash)));
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
  return key === undefined ? lookUpAndDecide(parsed.hash) : decide(key);
}
