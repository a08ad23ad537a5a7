// verifyApiKey(): the one check for every path that serves gateway traffic.
// Order: key in the query string → header → format and checksum (no I/O) → cache → one indexed query.
import { describeDbError } from "@/db/queries/errors";
import { findKeyByHash, type KeyForGateway } from "@/db/queries/keys";
import { keyCache } from "@/lib/gateway/key-cache";
import type { RefusalCode } from "@/lib/gateway/refusals";
import { touchKey } from "@/lib/gateway/usage";
import { parseKey } from "@/lib/keys/format";
import { logThrottled } from "@/lib/throttled-log";

/** `key` is known on a refusal only when the key exists, so it can go into its owner's request log. */
export type Verification = { ok: true; key: KeyForGateway } | { ok: false; code: RefusalCode; key?: KeyForGateway };

const QUERY_KEY_NAMES = new Set(["api_key", "apikey", "key", "x-api-key"]);

function presentedKey(headers: Headers): string | null {
  const header = headers.get("x-api-key");
  if (header) return header.trim();
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "");
  return match ? match[1] : null;
}

type Lookup = { generation: number; result: Promise<KeyForGateway | null> };
const inFlight = new Map<string, Lookup>();

/**
 * Concurrent requests with the same uncached key share one query, but only while no key has
 * been revoked since it started: a request must never be answered from a read that began
 * before the switch it arrived after.
 */
function lookup(hash: string): Promise<KeyForGateway | null> {
  const generation = keyCache().currentGeneration;
  const pending = inFlight.get(hash);
  if (pending?.generation === generation) return pending.result;
  const entry: Lookup = {
    generation,
    result: findKeyByHash(hash)
      .then((key) => {
        keyCache().set(hash, key, generation);
        return key;
      })
      .finally(() => {
        if (inFlight.get(hash) === entry) inFlight.delete(hash);
      }),
  };
  inFlight.set(hash, entry);
  return entry.result;
}

/** `url` is request.url parsed, for callers that already have it. */
export async function verifyApiKey(request: Request, url: URL = new URL(request.url)): Promise<Verification> {
  for (const name of url.searchParams.keys()) {
    if (QUERY_KEY_NAMES.has(name.toLowerCase())) return { ok: false, code: "key_in_query" };
  }
  const raw = presentedKey(request.headers);
  if (!raw) return { ok: false, code: "missing_key" };
  const parsed = parseKey(raw);
  if (!parsed.ok) return { ok: false, code: "invalid_key" };

  let key = keyCache().get(parsed.hash);
  if (key === undefined) {
    try {
      key = await lookup(parsed.hash);
    } catch (error) {
      logThrottled("key lookup", `key lookup failed, answering 503: ${describeDbError(error)}`);
      return { ok: false, code: "database_unavailable" };
    }
  }
  if (!key) return { ok: false, code: "unknown_key" };
  if (!key.active) return { ok: false, code: "key_disabled", key };
  touchKey(key.id);
  return { ok: true, key };
}
