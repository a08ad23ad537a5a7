// What crosses the gateway, each way. Pure functions over node:http header objects.
import type { IncomingHttpHeaders } from "node:http";

type HeaderValue = string | string[] | undefined;
export type HeaderMap = Record<string, string | string[]>;

// RFC 9110 §7.6.1: meaningful for one connection only, never passed on.
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

// Going up: the caller's credentials for us (the key, the console's session cookie), the
// identity headers we set ourselves, and every forwarding header a caller could forge.
const NOT_SENT_UP = new Set([
  "host",
  "x-api-key",
  "cookie",
  "x-gateway-key-id",
  "x-gateway-owner-id",
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-real-ip",
  "forwarded",
  "expect", // answered here (100-continue), and undici refuses it
]);

// Coming back: headers that would act on the console's whole origin, not on this response.
const NOT_SENT_BACK = new Set(["set-cookie", "set-cookie2", "alt-svc", "clear-site-data", "strict-transport-security"]);

/** Next.js's internal headers: never from a caller to an upstream, never from an upstream to anyone. */
const isNextInternal = (name: string) => name.startsWith("x-middleware-") || name.startsWith("x-nextjs-");

function connectionNamed(value: HeaderValue): Set<string> {
  if (!value) return new Set();
  const list = Array.isArray(value) ? value.join(",") : value;
  return new Set(list.split(",").map((n) => n.trim().toLowerCase()));
}

/** What the lane saw of the request's route to us (trusted-proxies.ts decides the chain). */
export type Forwarding = { chain: string[]; proto: string; host: string | undefined };
export type KeyIdentity = { id: string; ownerId: string };

// RFC 7239: an IPv6 address is quoted and bracketed; a host with a port is quoted.
const forwardedNode = (address: string) => (address.includes(":") ? `"[${address}]"` : address || "unknown");

export function upstreamRequestHeaders(incoming: IncomingHttpHeaders, via: Forwarding, key: KeyIdentity): HeaderMap {
  const named = connectionNamed(incoming.connection);
  const out: HeaderMap = {};
  for (const name in incoming) {
    if (HOP_BY_HOP.has(name) || NOT_SENT_UP.has(name) || named.has(name) || isNextInternal(name)) continue;
    const value = incoming[name];
    if (value !== undefined) out[name] = value;
  }
  // A Bearer token is (or could be) the key; other schemes are the upstream's business.
  if (/^bearer\s/i.test(incoming.authorization ?? "")) delete out.authorization;
  out["x-forwarded-for"] = via.chain.join(", ");
  out["x-forwarded-proto"] = via.proto;
  if (via.host) out["x-forwarded-host"] = via.host;
  const hops = via.chain.map((address) => `for=${forwardedNode(address)}`);
  hops[hops.length - 1] += `;proto=${via.proto}${via.host ? `;host="${via.host.replace(/["\\]/g, "")}"` : ""}`;
  out.forwarded = hops.join(", ");
  out["x-gateway-key-id"] = key.id;
  out["x-gateway-owner-id"] = key.ownerId;
  return out;
}

// Gateway responses share the console's origin: a forwarded HTML page must not run script
// there, nor be sniffed into something that does.
const SANDBOX = "sandbox";

export function callerResponseHeaders(upstream: IncomingHttpHeaders): HeaderMap {
  const named = connectionNamed(upstream.connection);
  const out: HeaderMap = {};
  for (const name in upstream) {
    if (HOP_BY_HOP.has(name) || NOT_SENT_BACK.has(name) || named.has(name) || isNextInternal(name)) continue;
    const value = upstream[name];
    if (value !== undefined) out[name] = value;
  }
  const csp = upstream["content-security-policy"];
  out["content-security-policy"] = csp ? [...(Array.isArray(csp) ? csp : [csp]), SANDBOX] : SANDBOX;
  out["x-content-type-options"] = "nosniff";
  return out;
}

/** Set on every answer the gateway gives itself (refusals, whoami), like on forwarded ones. */
export const GATEWAY_RESPONSE_HEADERS = { "content-security-policy": SANDBOX, "x-content-type-options": "nosniff", "cache-control": "no-store" } as const;
