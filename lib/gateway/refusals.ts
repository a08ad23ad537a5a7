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
  database_unavailable: { status: 503, message: "The key could not be checked right now. Try again shortly." },
  no_upstream: { status: 404, message: "No upstream is configured for this gateway (GATEWAY_UPSTREAM_URL). GET /api/gateway/whoami works without one." },
  upstream_unreachable: { status: 502, message: "The upstream could not be reached." },
  upstream_timeout: { status: 504, message: "The upstream did not answer in time." },
} as const satisfies Record<string, { status: number; message: string }>;

export type RefusalCode = keyof typeof REFUSALS;
