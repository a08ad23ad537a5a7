// A gateway request from start to end, run by proxy.ts and by the gateway route alike:
// whichever of the two gets the request verifies the key itself.
import type { KeyForGateway } from "@/db/queries/keys";
import { forwardToUpstream, GATEWAY_PREFIX } from "@/lib/gateway/forward";
import { REFUSALS, type RefusalCode } from "@/lib/gateway/refusals";
import { clientIp, refusalResponse } from "@/lib/gateway/responses";
import { recordRequest } from "@/lib/gateway/usage";
import { verifyApiKey } from "@/lib/gateway/verify";

const WHOAMI = `${GATEWAY_PREFIX}/whoami`;

function whoami(key: KeyForGateway, now: Date): Response {
  return Response.json(
    { key: { id: key.id, name: key.name, created_at: key.createdAt, last_used_at: now, active: key.active } },
    { headers: { "cache-control": "no-store" } },
  );
}

function logRequest(request: Request, url: URL, key: KeyForGateway, status: number, startedAt: number, at = new Date(), refusal?: RefusalCode): void {
  recordRequest({
    ownerId: key.ownerId,
    keyId: key.id,
    method: request.method.slice(0, 16),
    path: url.pathname.slice(0, 2048),
    status,
    latencyMs: Math.max(0, Math.round(performance.now() - startedAt)),
    clientIp: clientIp(request.headers),
    refusal: refusal ?? null,
    userAgent: request.headers.get("user-agent"),
    createdAt: at,
  });
}

/** A refusal as a response, logged for the key's owner when the key is known (a switched-off key). */
function refuse(request: Request, url: URL, code: RefusalCode, key: KeyForGateway | undefined, startedAt: number): Response {
  if (key) logRequest(request, url, key, REFUSALS[code].status, startedAt, new Date(), code);
  return refusalResponse(code);
}

export async function handleGatewayRequest(request: Request): Promise<Response> {
  const startedAt = performance.now();
  const url = new URL(request.url); // once per request: this is the hot path
  const verification = await verifyApiKey(request, url);
  if (!verification.ok) return refuse(request, url, verification.code, verification.key, startedAt);
  const { key } = verification;
  const now = new Date();
  const isWhoami = request.method === "GET" && url.pathname.replace(/\/$/, "") === WHOAMI;
  const response = isWhoami ? whoami(key, now) : await forwardToUpstream(request, url, key);
  logRequest(request, url, key, response.status, startedAt, now);
  return response;
}
