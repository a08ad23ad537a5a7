// Which requests are gateway traffic, read from the raw request line without a URL parser:
// this runs for every request the server gets, console pages included.
export const GATEWAY_PREFIX = "/api/gateway";

/** `path` as sent (still percent-encoded), `rest` what follows the prefix ("" or "/…"), `search` "" or "?…". */
export type GatewayTarget = { path: string; rest: string; search: string };

/** Null when Next.js should answer: not under /api/gateway (or only a look-alike, /api/gatewayz). */
export function gatewayTarget(url: string | undefined): GatewayTarget | null {
  if (!url?.startsWith(GATEWAY_PREFIX)) return null;
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  const next = path.charCodeAt(GATEWAY_PREFIX.length);
  if (path.length > GATEWAY_PREFIX.length && next !== 47 /* "/" */) return null;
  return { path, rest: path.slice(GATEWAY_PREFIX.length), search: q === -1 ? "" : url.slice(q) };
}

// "/api/gateway/../keys" must not reach the upstream as a path outside its base, nor be
// read by anyone as a console path: such paths are refused rather than resolved.
const DOT_SEGMENT = /(?:^|[/\\])(?:\.|%2e){1,2}(?=[/\\?#]|$)/i;

export function hasDotSegment(path: string): boolean {
  return path.includes(".") || path.includes("%") ? DOT_SEGMENT.test(path) : false;
}

export function isWhoami(method: string | undefined, target: GatewayTarget): boolean {
  return method === "GET" && (target.rest === "/whoami" || target.rest === "/whoami/");
}
