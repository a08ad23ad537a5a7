// Every way the gateway says no (to the caller or for its upstream), in one table: the code a caller sees, its HTTP status and
// message. Verification returns a code; the response is built from this table alone.
export const REFUSALS = {
  key_in_query: {
    status: 400,
    message: "API keys are not accepted in the URL, where logs and histories keep them. Send the key in the x-api-key header.",
  },
  missing_key: { status: 401, message: "No API key: send it in the x-api-key header or as Authorization: Bearer <key>." },
  invalid_key: { status: 401, message: "This API key is malformed or mistyped." },
  unknown_key: { status: 401, message: "This API key does not exist or has been deleted." },
  key_disabled: { status: 403, message: "This API key is switched off. Switch it on in the console to use it." },
  key_expired: { status: 401, message: "This API key has expired. Renew it in the console, or create a new one." },
  rate_limited: { status: 429, message: "This API key is over its rate limit. Retry after the time in the Retry-After header." },
  quota_exceeded: { status: 429, message: "This account has used its monthly quota. It resets on the first of the month (UTC), or move to a larger plan." },
  too_many_invalid_keys: {
    status: 429,
    message: "Too many requests with invalid or unknown API keys from this address. Retry after the time in the Retry-After header.",
  },
  gateway_busy: { status: 503, message: "Too many keys are being looked up at once. Retry the request." },
  invalid_path: { status: 400, message: "Gateway paths may not contain . or .. segments." },
  database_unavailable: { status: 503, message: "The key could not be checked right now. Try again shortly." },
  payload_too_large: { status: 413, message: "The request body is larger than this gateway accepts (GATEWAY_MAX_BODY_BYTES)." },
  shutting_down: { status: 503, message: "This instance is shutting down. Retry the request." },
  lane_missing: {
    status: 503,
    message: "This process runs Next.js without the Gatehouse server, which forwards gateway traffic: only whoami is answered here. Start it with npm start.",
  },
  no_upstream: { status: 404, message: "No upstream is configured for this gateway (GATEWAY_UPSTREAM_URL). GET /api/gateway/whoami works without one." },
  upstream_unreachable: { status: 502, message: "The upstream could not be reached." },
  upstream_timeout: { status: 504, message: "The upstream did not answer in time." },
  upstream_invalid: { status: 502, message: "The upstream's answer could not be read (malformed, or headers too large)." },
  gateway_error: { status: 500, message: "The gateway failed to handle this request." },
} as const satisfies Record<string, { status: number; message: string }>;

export type RefusalCode = keyof typeof REFUSALS;
