// Reverse proxy to GATEWAY_UPSTREAM_URL: one pooled keep-alive undici client per process,
// bodies streamed both ways (nothing is read whole), headers filtered both ways.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { Readable } from "node:stream";
import { type Dispatcher, Pool } from "undici";
import type { KeyForGateway } from "@/db/queries/keys";
import { env } from "@/lib/env";
import { BodyTooLarge, continueIfExpected, declaredTooLarge, discardUnreadBody, limitedBody } from "@/lib/gateway/body-limit";
import { callerResponseHeaders, type Forwarding, upstreamRequestHeaders } from "@/lib/gateway/forward-headers";
import { IntoResponse } from "@/lib/gateway/into-response";
import type { GatewayTarget } from "@/lib/gateway/paths";
import type { RefusalCode } from "@/lib/gateway/refusals";
import { refusalStatus, sendRefusal } from "@/lib/gateway/responses";
import { upstreamFailure } from "@/lib/gateway/upstream-errors";
import { processSingleton } from "@/lib/process-singleton";

type Upstream = { pool: Pool; basePath: string };

function upstream(): Upstream | null {
  const url = env().GATEWAY_UPSTREAM_URL;
  if (!url) return null;
  return processSingleton("upstreamPool", () => {
    const { origin, pathname } = new URL(url);
    const { GATEWAY_UPSTREAM_TIMEOUT_MS: headersTimeout, GATEWAY_UPSTREAM_BODY_TIMEOUT_MS: bodyTimeout } = env();
    const pool = new Pool(origin, { headersTimeout, bodyTimeout, connectTimeout: Math.min(headersTimeout, 10_000), keepAliveTimeout: 4_000 });
    return { pool, basePath: pathname.replace(/\/$/, "") };
  });
}

export function hasUpstream(): boolean {
  return upstream() !== null;
}

export async function closeUpstreamPool(): Promise<void> {
  await upstream()?.pool.close();
}

/** Resolves once the caller's response is done. `onStatus` learns the status the caller gets (the upstream's, or a refusal's), once. */
export async function forwardToUpstream(
  req: IncomingMessage,
  res: ServerResponse,
  target: GatewayTarget,
  key: KeyForGateway,
  via: Forwarding,
  onStatus: (status: number) => void,
): Promise<void> {
  const up = upstream();
  const refuse = (code: RefusalCode) => {
    if (!res.headersSent) onStatus(refusalStatus(code));
    discardUnreadBody(req, res);
    sendRefusal(res, code);
  };
  const max = env().GATEWAY_MAX_BODY_BYTES;
  if (!up || declaredTooLarge(req, max)) {
    refuse(up ? "payload_too_large" : "no_upstream");
    return;
  }
  const body: Readable | null = limitedBody(req, max);
  if (body) continueIfExpected(req, res);

  const options: Dispatcher.DispatchOptions = {
    path: up.basePath + (target.rest || "/") + target.search,
    method: (req.method ?? "GET") as Dispatcher.HttpMethod,
    headers: upstreamRequestHeaders(req.headers, via, key),
    body,
  };
  const error = await new Promise<Error | undefined>((settle) => {
    const writeHead = (statusCode: number, headers: IncomingHttpHeaders) => {
      onStatus(statusCode);
      const outgoing = callerResponseHeaders(headers);
      // The gateway's own RateLimit fields (set before forwarding) speak for the caller's key.
      if (res.hasHeader("ratelimit")) {
        delete outgoing.ratelimit;
        delete outgoing["ratelimit-policy"];
      }
      res.writeHead(statusCode, outgoing);
    };
    up.pool.dispatch(options, new IntoResponse(res, writeHead, settle));
  });
  if (!error || res.destroyed) return;
  // Past the head, the only honest signal left is a cut connection (not a clean end).
  if (res.headersSent) res.destroy();
  else refuse(error instanceof BodyTooLarge ? "payload_too_large" : upstreamFailure(error));
}
