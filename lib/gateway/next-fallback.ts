// Defense in depth: what Next.js answers if a gateway request ever reaches it (plain
// `next start` without server.ts, or a path that only Next.js's URL normalisation turns into
// /api/gateway/…). The key is checked by the same verifyApiKey(); whoami is answered; nothing
// is forwarded from inside Next.js, whose response handling an upstream's headers could steer.
import { admit } from "@/lib/gateway/admit";
import { nowMs } from "@/lib/gateway/clock";
import { GATEWAY_PREFIX, gatewayTarget, hasDotSegment, isWhoami } from "@/lib/gateway/paths";
import { type LoggedRequest, logRequest } from "@/lib/gateway/request-log";
import { refusalResponse, refusalStatus, whoamiResponse } from "@/lib/gateway/responses";
import { resolveHops, trustedProxies } from "@/lib/gateway/trusted-proxies";
import { verifyApiKey } from "@/lib/gateway/verify";

/**
 * Next.js sets x-forwarded-for from the socket only when a caller did not send one, so its
 * last entry stands in for the peer. Without server.ts a caller can forge it: this path
 * answers only refusals and whoami.
 */
function clientIp(headers: Headers): string | null {
  const listed = headers.get("x-forwarded-for")?.split(",") ?? [];
  const peer = listed.pop();
  return resolveHops(peer, listed.join(","), trustedProxies()).client || null;
}

export async function answerGatewayInNext(request: Request): Promise<Response> {
  const startedAt = performance.now();
  const url = new URL(request.url);
  const target = gatewayTarget(url.pathname + url.search) ?? { path: url.pathname, rest: url.pathname.slice(GATEWAY_PREFIX.length), search: url.search };
  if (hasDotSegment(target.path)) return refusalResponse("invalid_path");
  const verification = await verifyApiKey({
    apiKey: request.headers.get("x-api-key") ?? undefined,
    authorization: request.headers.get("authorization") ?? undefined,
    search: target.search,
  });
  const userAgent = request.headers.get("user-agent") ?? undefined;
  const logged: LoggedRequest = { method: request.method, path: target.path, clientIp: clientIp(request.headers), userAgent, startedAt };
  if (!verification.ok) {
    if (verification.key) logRequest(logged, verification.key, refusalStatus(verification.code), verification.code);
    return refusalResponse(verification.code);
  }
  if (!isWhoami(request.method, target)) {
    logRequest(logged, verification.key, refusalStatus("lane_missing"), "lane_missing");
    return refusalResponse("lane_missing");
  }
  const check = await admit(verification.key);
  if (check.outcome !== "ok") {
    logRequest(logged, verification.key, refusalStatus(check.outcome), check.outcome);
    const retry: Record<string, string> = check.retryAfterSeconds === undefined ? {} : { "retry-after": String(check.retryAfterSeconds) };
    return refusalResponse(check.outcome, { ...check.headers, ...retry });
  }
  const now = nowMs();
  logRequest(logged, verification.key, 200, null, now);
  return whoamiResponse(verification.key, now, check.headers);
}
