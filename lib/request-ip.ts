// The client address of a console request, for throttling sign-ins. The server entry sets
// x-forwarded-for from the socket (trusting only configured proxies), so its last entry is
// the client as far as this server can tell.
import { headers } from "next/headers";

export function clientIpFrom(h: Headers): string | null {
  const last = h
    .get("x-forwarded-for")
    ?.split(",")
    .pop()
    ?.trim()
    .replace(/^::ffff:(?=\d+\.)/, "");
  return last ? last.slice(0, 64) : null;
}

export async function requestIp(): Promise<string | null> {
  return clientIpFrom(await headers());
}
