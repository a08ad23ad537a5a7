import type { Refusal } from "./verify";

const NO_STORE = { "cache-control": "no-store" };

export function errorResponse(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ error: { code, message } }, { status, headers: { ...NO_STORE, ...headers } });
}

export function refusalResponse({ status, code, message }: Refusal): Response {
  const challenge = status === 401 ? { "www-authenticate": 'Bearer realm="gatehouse", charset="UTF-8"' } : undefined;
  return errorResponse(status, code, message, challenge);
}

/**
 * Next.js fills x-forwarded-for from the socket only when the header is absent, so its
 * last entry is the peer as seen by us or by the one reverse proxy in front of us.
 */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").pop()?.trim().replace(/^::ffff:(?=\d+\.)/, ""); // IPv4 as IPv4
  return last ? last.slice(0, 64) : null;
}
