// verifyApiKey(): the one check, used by proxy.ts and again by the gateway route.
// Order: key in the query string → header → format and checksum (no I/O) → cache → one indexed query.
import { findKeyByHash, type KeyForGateway } from "@/db/queries/keys";
import { describeDbError } from "@/db/queries/errors";
import { parseApiKey } from "../keys";
import { logThrottled } from "../throttled-log";
import { keyCache } from "./key-cache";
import { touchKey } from "./usage";

export type Refusal = {
  status: 400 | 401 | 403 | 503;
  code: string;
  message: string;
  /** Known only when the key exists, so the refusal can go into its owner's request log. */
  key?: KeyForGateway;
};
export type Verification = { ok: true; key: KeyForGateway } | { ok: false; refusal: Refusal };

const QUERY_KEY_NAMES = new Set(["api_key", "apikey", "key", "x-api-key"]);

const refuse = (status: Refusal["status"], code: string, message: string, key?: KeyForGateway): Verification => ({
  ok: false,
  refusal: { status, code, message, key },
});

function presentedKey(headers: Headers): string | null {
  const header = headers.get("x-api-key");
  if (header) return header.trim();
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "");
  return match ? match[1] : null;
}

const inFlight = new Map<string, Promise<KeyForGateway | null>>();

// Concurrent requests with the same uncached key share one query.
function lookup(hash: string): Promise<KeyForGateway | null> {
  let pending = inFlight.get(hash);
  if (!pending) {
    const generation = keyCache().currentGeneration;
    pending = findKeyByHash(hash)
      .then((key) => (keyCache().set(hash, key, generation), key))
      .finally(() => inFlight.delete(hash));
    inFlight.set(hash, pending);
  }
  return pending;
}

/** `url` is request.url parsed, for callers that already have it. */
export async function verifyApiKey(request: Request, url: URL = new URL(request.url)): Promise<Verification> {
  for (const name of url.searchParams.keys()) {
    if (QUERY_KEY_NAMES.has(name.toLowerCase())) {
      return refuse(400, "key_in_query", "API keys are not accepted in the URL, where logs and histories keep them. Send the key in the x-api-key header.");
    }
  }
  const raw = presentedKey(request.headers);
  if (!raw) return refuse(401, "missing_key", "No API key: send it in the x-api-key header or as Authorization: Bearer <key>.");
  const parsed = parseApiKey(raw);
  if (!parsed.ok) return refuse(401, "invalid_key", "This API key is malformed or mistyped.");

  let key = keyCache().get(parsed.hash);
  if (key === undefined) {
    try {
      key = await lookup(parsed.hash);
    } catch (error) {
      logThrottled("key lookup", `key lookup failed, answering 503: ${describeDbError(error)}`);
      return refuse(503, "database_unavailable", "The key could not be checked right now. Try again shortly.");
    }
  }
  if (!key) return refuse(401, "unknown_key", "This API key does not exist or has been deleted.");
  if (!key.active) return refuse(403, "key_disabled", "This API key is switched off. Switch it on in the console to use it.", key);
  touchKey(key.id);
  return { ok: true, key };
}
