import { REFUSALS, type RefusalCode } from "@/lib/gateway/refusals";

const NO_STORE = { "cache-control": "no-store" };

export function refusalResponse(code: RefusalCode): Response {
  const { status, message } = REFUSALS[code];
  const challenge = status === 401 ? { "www-authenticate": 'Bearer realm="gatehouse", charset="UTF-8"' } : undefined;
  return Response.json({ error: { code, message } }, { status, headers: { ...NO_STORE, ...challenge } });
}

/**
 * Next.js fills x-forwarded-for from the socket only when the header is absent, so its
 * last entry is the peer as seen by us or by the one reverse proxy in front of us.
 */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded
    ?.split(",")
    .pop()
    ?.trim()
    .replace(/^::ffff:(?=\d+\.)/, ""); // IPv4 as IPv4
  return last ? last.slice(0, 64) : null;
}
