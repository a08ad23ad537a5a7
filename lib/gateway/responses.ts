// The gateway's own answers (refusals, whoami), for the lane (node:http) and for the route
// that Next.js runs if a gateway request ever reaches it (Web Response). Same bytes both ways.
import type { ServerResponse } from "node:http";
import type { KeyForGateway } from "@/db/queries/keys";
import { dateAt } from "@/lib/gateway/clock";
import { GATEWAY_RESPONSE_HEADERS } from "@/lib/gateway/forward-headers";
import { REFUSALS, type RefusalCode } from "@/lib/gateway/refusals";

const CHALLENGE = { "www-authenticate": 'Bearer realm="gatehouse", charset="UTF-8"' };
const JSON_TYPE = { "content-type": "application/json" };

type Prepared = { status: number; body: Buffer; headers: Record<string, string> };

// Built once per code: a refusal on the hot path is a table lookup and one write.
const PREPARED = Object.fromEntries(
  Object.entries(REFUSALS).map(([code, { status, message }]) => {
    const body = Buffer.from(JSON.stringify({ error: { code, message } }));
    const headers = { ...JSON_TYPE, ...GATEWAY_RESPONSE_HEADERS, ...(status === 401 ? CHALLENGE : {}), "content-length": String(body.length) };
    return [code, { status, body, headers }];
  }),
) as unknown as Record<RefusalCode, Prepared>;

export function refusalStatus(code: RefusalCode): number {
  return REFUSALS[code].status;
}

/** `close`: the connection goes after this answer (a body we will not read, a server going down). */
export function sendRefusal(res: ServerResponse, code: RefusalCode, close = false): void {
  const { status, body, headers } = PREPARED[code];
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, close ? { ...headers, connection: "close" } : headers);
  res.end(body);
}

export function refusalResponse(code: RefusalCode, extra: Record<string, string> = {}): Response {
  const { status, body, headers } = PREPARED[code];
  return new Response(new Uint8Array(body), { status, headers: { ...headers, ...extra } });
}

// whoami is the gateway's hottest answer: all but the time is the same for a cached key.
const whoamiParts = new WeakMap<KeyForGateway, [string, string]>();

export function whoamiBody(key: KeyForGateway, nowMs: number): string {
  let parts = whoamiParts.get(key);
  if (!parts) {
    const fixed = JSON.stringify({ key: { id: key.id, name: key.name, created_at: key.createdAt } });
    parts = [`${fixed.slice(0, -2)},"last_used_at":"`, `","active":${key.active}}}`];
    whoamiParts.set(key, parts);
  }
  return parts[0] + dateAt(nowMs).toISOString() + parts[1];
}

// As a flat [name, value, …] list: Node.js writes it without walking an object's keys.
const WHOAMI_HEADERS = Object.entries({ ...JSON_TYPE, ...GATEWAY_RESPONSE_HEADERS }).flat();

/** `extra`: the key's RateLimit fields, written in the same flat list (no per-header merge). */
export function sendWhoami(res: ServerResponse, key: KeyForGateway, nowMs: number, extra?: Record<string, string>): void {
  const body = whoamiBody(key, nowMs);
  const headers = [...WHOAMI_HEADERS, "content-length", String(Buffer.byteLength(body))];
  if (extra) for (const name in extra) headers.push(name, extra[name]);
  res.writeHead(200, headers);
  res.end(body);
}

export function whoamiResponse(key: KeyForGateway, nowMs: number, extra: Record<string, string> = {}): Response {
  return new Response(whoamiBody(key, nowMs), { headers: { ...JSON_TYPE, ...GATEWAY_RESPONSE_HEADERS, ...extra } });
}
