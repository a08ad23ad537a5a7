// The gateway lane: a request under /api/gateway from start to end, on node:http's own
// req/res, before (and instead of) Next.js's router. server.ts sends it here.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import { discardUnreadBody } from "@/lib/gateway/body-limit";
import { nowMs } from "@/lib/gateway/clock";
import { enterGateway, isDraining, leaveGateway } from "@/lib/gateway/drain";
import { forwardToUpstream } from "@/lib/gateway/forward";
import type { Forwarding } from "@/lib/gateway/forward-headers";
import { type GatewayTarget, hasDotSegment, isWhoami } from "@/lib/gateway/paths";
import type { RefusalCode } from "@/lib/gateway/refusals";
import { type LoggedRequest, logRequest } from "@/lib/gateway/request-log";
import { refusalStatus, sendRefusal, sendWhoami } from "@/lib/gateway/responses";
import { type Hops, resolveHops, trustedProxies } from "@/lib/gateway/trusted-proxies";
import { verifyApiKey } from "@/lib/gateway/verify";

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.split(",")[0].trim();

function forwarding(req: IncomingMessage, { chain, peerTrusted }: Hops): Forwarding {
  const ownProto = (req.socket as TLSSocket).encrypted ? "https" : "http";
  return {
    chain,
    proto: (peerTrusted && first(req.headers["x-forwarded-proto"])) || ownProto,
    host: (peerTrusted && first(req.headers["x-forwarded-host"])) || req.headers.host,
  };
}

function refuse(req: IncomingMessage, res: ServerResponse, code: RefusalCode): void {
  discardUnreadBody(req, res);
  sendRefusal(res, code);
}

async function serve(req: IncomingMessage, res: ServerResponse, target: GatewayTarget, startedAt: number): Promise<void> {
  if (hasDotSegment(target.path)) return refuse(req, res, "invalid_path");
  const apiKey = req.headers["x-api-key"];
  const verification = await verifyApiKey({
    apiKey: Array.isArray(apiKey) ? apiKey.join(",") : apiKey,
    authorization: req.headers.authorization,
    search: target.search,
  });
  const hops = resolveHops(req.socket.remoteAddress, req.headers["x-forwarded-for"], trustedProxies());
  const logged: LoggedRequest = { method: req.method ?? "", path: target.path, clientIp: hops.client || null, startedAt };
  if (!verification.ok) {
    if (verification.key) logRequest(logged, verification.key, refusalStatus(verification.code));
    return refuse(req, res, verification.code);
  }
  const { key } = verification;
  if (isWhoami(req.method, target)) {
    const now = nowMs();
    sendWhoami(res, key, now);
    return logRequest(logged, key, 200, now);
  }
  await forwardToUpstream(req, res, target, key, forwarding(req, hops), (status) => logRequest(logged, key, status));
}

/** Never a thrown error out of the lane: a bug answers 500 JSON and the server stays up. */
export async function handleGatewayRequest(req: IncomingMessage, res: ServerResponse, target: GatewayTarget): Promise<void> {
  const startedAt = performance.now();
  if (isDraining()) return sendRefusal(res, "shutting_down", true);
  enterGateway();
  try {
    await serve(req, res, target, startedAt);
  } catch (error) {
    console.error(`Gatehouse: gateway request failed: ${(error as Error)?.message ?? error}`);
    sendRefusal(res, "gateway_error", true);
  } finally {
    leaveGateway();
  }
}
