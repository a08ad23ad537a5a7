// The gateway lane: a request under /api/gateway from start to end, on node:http's own
// req/res, before (and instead of) Next.js's router. server.ts sends it here.
// A request whose key is in the cache is answered synchronously: no Promise is made on that
// path, since each one costs async_hooks work once Next.js's AsyncLocalStorages exist.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import type { KeyForGateway } from "@/db/queries/keys";
import { admit } from "@/lib/gateway/admit";
import { discardUnreadBody } from "@/lib/gateway/body-limit";
import { nowMs } from "@/lib/gateway/clock";
import { enterGateway, isDraining, leaveGateway } from "@/lib/gateway/drain";
import { forwardToUpstream } from "@/lib/gateway/forward";
import type { Forwarding } from "@/lib/gateway/forward-headers";
import { countInvalidKey, invalidKeyWait, tarpit } from "@/lib/gateway/invalid-key-guard";
import { type GatewayTarget, hasDotSegment, isWhoami } from "@/lib/gateway/paths";
import type { RefusalCode } from "@/lib/gateway/refusals";
import { type LoggedRequest, logRequest } from "@/lib/gateway/request-log";
import { refusalStatus, sendRefusal, sendWhoami } from "@/lib/gateway/responses";
import { type Hops, resolveHops, trustedProxies } from "@/lib/gateway/trusted-proxies";
import { type Verification, verifyApiKey } from "@/lib/gateway/verify";
import type { LimitCheck } from "@/lib/limits/registry";

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

function failed(res: ServerResponse, error: unknown): void {
  console.error(`Gatehouse: gateway request failed: ${(error as Error)?.message ?? error}`);
  sendRefusal(res, "gateway_error", true);
}

/** Counted in flight (for the shutdown's drain) while it waits for anything. */
function inFlight(work: Promise<void>, res: ServerResponse): void {
  enterGateway();
  work.catch((error: unknown) => failed(res, error)).finally(leaveGateway);
}

function setHeaders(res: ServerResponse, headers: Record<string, string>): void {
  for (const name in headers) res.setHeader(name, headers[name]);
}

function answer(req: IncomingMessage, res: ServerResponse, target: GatewayTarget, verification: Verification, startedAt: number, hops: Hops): void {
  const logged: LoggedRequest = { method: req.method ?? "", path: target.path, clientIp: hops.client || null, userAgent: req.headers["user-agent"], startedAt };
  if (!verification.ok) {
    if (verification.code === "invalid_key" || verification.code === "unknown_key") countInvalidKey(hops.client, nowMs());
    if (verification.key) logRequest(logged, verification.key, refusalStatus(verification.code), verification.code);
    refuse(req, res, verification.code);
    return;
  }
  const { key } = verification;
  const check = admit(key);
  if (check instanceof Promise)
    inFlight(
      check.then((c) => proceed(req, res, target, key, c, logged, hops)),
      res,
    );
  else proceed(req, res, target, key, check, logged, hops);
}

/** Every answer to a verified key carries its RateLimit fields, a refusal Retry-After too. */
function proceed(
  req: IncomingMessage,
  res: ServerResponse,
  target: GatewayTarget,
  key: KeyForGateway,
  check: LimitCheck,
  logged: LoggedRequest,
  hops: Hops,
): void {
  if (check.outcome !== "ok") {
    setHeaders(res, check.headers);
    if (check.retryAfterSeconds !== undefined) res.setHeader("retry-after", String(check.retryAfterSeconds));
    logRequest(logged, key, refusalStatus(check.outcome), check.outcome);
    refuse(req, res, check.outcome);
    return;
  }
  if (isWhoami(req.method, target)) {
    const now = nowMs();
    sendWhoami(res, key, now, check.headers);
    logRequest(logged, key, 200, null, now);
    return;
  }
  setHeaders(res, check.headers);
  inFlight(
    forwardToUpstream(req, res, target, key, forwarding(req, hops), (status) => logRequest(logged, key, status)),
    res,
  );
}

function verifyThenAnswer(req: IncomingMessage, res: ServerResponse, target: GatewayTarget, startedAt: number): void {
  const hops = resolveHops(req.socket.remoteAddress, req.headers["x-forwarded-for"], trustedProxies());
  const wait = invalidKeyWait(hops.client, nowMs());
  if (wait > 0) {
    res.setHeader("retry-after", String(wait));
    tarpit((close) => {
      if (res.destroyed) return;
      discardUnreadBody(req, res);
      sendRefusal(res, "too_many_invalid_keys", close);
    });
    return;
  }
  const apiKey = req.headers["x-api-key"];
  const verification = verifyApiKey({
    apiKey: Array.isArray(apiKey) ? apiKey.join(",") : apiKey,
    authorization: req.headers.authorization,
    search: target.search,
    origin: hops.client,
  });
  if (verification instanceof Promise)
    inFlight(
      verification.then((v) => answer(req, res, target, v, startedAt, hops)),
      res,
    );
  else answer(req, res, target, verification, startedAt, hops);
}

/** Never a thrown error out of the lane: a bug answers 500 JSON and the server stays up. */
export function handleGatewayRequest(req: IncomingMessage, res: ServerResponse, target: GatewayTarget): void {
  const startedAt = performance.now();
  try {
    if (isDraining()) sendRefusal(res, "shutting_down", true);
    else if (hasDotSegment(target.path)) refuse(req, res, "invalid_path");
    else verifyThenAnswer(req, res, target, startedAt);
  } catch (error) {
    failed(res, error);
  }
}
