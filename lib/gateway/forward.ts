// Reverse proxy to GATEWAY_UPSTREAM_URL: streamed both ways, hop-by-hop headers dropped.
import type { KeyForGateway } from "@/db/queries/keys";
import { env } from "@/lib/env";
import { refusalResponse } from "@/lib/gateway/responses";
import { logThrottled } from "@/lib/throttled-log";

export const GATEWAY_PREFIX = "/api/gateway";

const HOP_BY_HOP = [
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
];
// The key stays here; identity headers are ours to set, never the caller's.
const NOT_FORWARDED = ["host", "x-api-key", "x-gateway-key-id", "x-gateway-owner-id", "content-length"];

function withoutHopByHop(source: Headers): Headers {
  const headers = new Headers(source);
  const named =
    source
      .get("connection")
      ?.split(",")
      .map((h) => h.trim().toLowerCase()) ?? [];
  for (const name of [...HOP_BY_HOP, ...named]) headers.delete(name);
  return headers;
}

function upstreamHeaders(request: Request, url: URL, key: KeyForGateway): Headers {
  const headers = withoutHopByHop(request.headers);
  for (const name of NOT_FORWARDED) headers.delete(name);
  for (const name of [...headers.keys()]) if (name.startsWith("x-middleware-") || name.startsWith("x-nextjs-")) headers.delete(name);
  if (/^bearer\s/i.test(headers.get("authorization") ?? "")) headers.delete("authorization");
  headers.set("x-forwarded-host", request.headers.get("x-forwarded-host") ?? url.host);
  headers.set("x-forwarded-proto", request.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", ""));
  headers.set("x-gateway-key-id", key.id);
  headers.set("x-gateway-owner-id", key.ownerId);
  return headers;
}

function targetUrl(upstream: string, incoming: URL): URL {
  const target = new URL(upstream);
  // The raw, still-encoded path after /api/gateway, so %2F and friends arrive as sent.
  const rest = incoming.pathname.slice(GATEWAY_PREFIX.length);
  target.pathname = target.pathname.replace(/\/$/, "") + (rest || "/");
  target.search = incoming.search;
  return target;
}

export async function forwardToUpstream(request: Request, url: URL, key: KeyForGateway): Promise<Response> {
  const upstream = env().GATEWAY_UPSTREAM_URL;
  if (!upstream) return refusalResponse("no_upstream");
  const hasBody = !["GET", "HEAD"].includes(request.method) && request.body !== null;
  // The timeout covers waiting for the response head, not a long streamed body.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException("upstream timeout", "TimeoutError")), env().GATEWAY_UPSTREAM_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(targetUrl(upstream, url), {
      method: request.method,
      headers: upstreamHeaders(request, url, key),
      body: hasBody ? request.body : undefined,
      redirect: "manual",
      cache: "no-store",
      signal: controller.signal,
      // @ts-expect-error Node's fetch needs duplex to stream a request body.
      duplex: "half",
    });
  } catch (error) {
    if (controller.signal.aborted) return refusalResponse("upstream_timeout");
    logThrottled("upstream", `upstream request failed: ${(error as Error).cause ?? (error as Error).message}`);
    return refusalResponse("upstream_unreachable");
  } finally {
    clearTimeout(timer);
  }
  const headers = withoutHopByHop(response.headers);
  // fetch has already decoded the body, so its encoding and length no longer apply.
  headers.delete("content-encoding");
  headers.delete("content-length");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
