// Who may tell us who the client is. A caller can write anything into X-Forwarded-For, so an
// address in it counts only when the hop that added it is a proxy we were told to trust
// (GATEWAY_TRUSTED_PROXIES). By default nobody is: the socket's peer is the client.
import { BlockList, isIP } from "node:net";
import { env } from "@/lib/env";
import { perProcess } from "@/lib/process-singleton";

/** `hops`: that many reverse proxies in front of us, whatever their addresses; `list`: these addresses and ranges. */
export type TrustedProxies = { hops: number; list?: undefined } | { hops?: undefined; list: BlockList };

export const TRUST_NOBODY: TrustedProxies = { hops: 0 };

/** "", "0", "2", or "10.0.0.0/8, 192.168.1.7, ::1". Throws with a readable message otherwise. */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const text = value?.trim() ?? "";
  if (text === "") return TRUST_NOBODY;
  if (/^\d+$/.test(text)) return { hops: Number(text) };
  const list = new BlockList();
  for (const entry of text.split(",").map((e) => e.trim())) {
    const [address, bits, extra] = entry.split("/");
    const family = isIP(address);
    const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
    if (!family || extra !== undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) {
      throw new Error(`GATEWAY_TRUSTED_PROXIES: "${entry}" is neither a hop count nor an IP address or CIDR range`);
    }
    list.addSubnet(address, prefix, family === 6 ? "ipv6" : "ipv4");
  }
  return { list };
}

/** GATEWAY_TRUSTED_PROXIES, parsed once (server start calls it, so a bad value stops the start). */
export const trustedProxies: () => TrustedProxies = perProcess("trustedProxies", () => parseTrustedProxies(env().GATEWAY_TRUSTED_PROXIES));

/** IPv4 peers of a dual-stack socket arrive as ::ffff:a.b.c.d; proxies may add a port. */
export function normalizeAddress(raw: string): string {
  if (isIP(raw) === 4) return raw; // the common case, checked once
  let address = raw.trim();
  if (address.startsWith("[")) address = address.slice(1, address.indexOf("]"));
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  if (address.startsWith("::ffff:") && isIP(address.slice(7)) === 4) address = address.slice(7);
  return address;
}

/** The client and the hops from it to us (client first, our peer last); `peerTrusted` when our peer is a trusted proxy. */
export type Hops = { client: string; chain: string[]; peerTrusted: boolean };

export function resolveHops(peer: string | undefined, forwardedFor: string | string[] | undefined, trust: TrustedProxies): Hops {
  const self = normalizeAddress(peer ?? "");
  if (trust.hops === 0 || !forwardedFor) return { client: self, chain: [self], peerTrusted: trusts(trust, self, 0) };
  const listed = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor).split(",").map(normalizeAddress);
  const addresses = [...listed, self];
  let i = addresses.length - 1;
  // Step left past each trusted hop; an entry that is not an address ends the walk.
  while (i > 0 && isIP(addresses[i - 1]) && trusts(trust, addresses[i], addresses.length - 1 - i)) i--;
  return { client: addresses[i], chain: addresses.slice(i), peerTrusted: i < addresses.length - 1 || trusts(trust, self, 0) };
}

function trusts(trust: TrustedProxies, address: string, stepsTaken: number): boolean {
  if (trust.list) return isIP(address) !== 0 && trust.list.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
  return stepsTaken < trust.hops;
}
