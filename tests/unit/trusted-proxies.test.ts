import { describe, expect, it } from "vitest";
import { normalizeAddress, parseTrustedProxies, resolveHops, TRUST_NOBODY } from "@/lib/gateway/trusted-proxies";

describe("GATEWAY_TRUSTED_PROXIES", () => {
  it("reads nothing as trusting nobody, a number as a hop count, anything else as addresses and ranges", () => {
    expect(parseTrustedProxies(undefined)).toEqual(TRUST_NOBODY);
    expect(parseTrustedProxies(" ")).toEqual(TRUST_NOBODY);
    expect(parseTrustedProxies("2")).toEqual({ hops: 2 });
    const { list } = parseTrustedProxies("10.0.0.0/8, 192.168.1.7, fd00::/8");
    expect(list?.check("10.20.30.40", "ipv4")).toBe(true);
    expect(list?.check("192.168.1.7", "ipv4")).toBe(true);
    expect(list?.check("192.168.1.8", "ipv4")).toBe(false);
    expect(list?.check("fd00::1", "ipv6")).toBe(true);
  });

  it("refuses what is neither", () => {
    for (const bad of ["proxy.internal", "10.0.0.0/33", "::1/129", "1.2.3.4/8/1", "-1", "1.2.3"]) {
      expect(() => parseTrustedProxies(bad)).toThrow(/GATEWAY_TRUSTED_PROXIES/);
    }
  });
});

describe("the client behind the hops", () => {
  it("trusting nobody, is the socket's peer, whatever X-Forwarded-For says", () => {
    expect(resolveHops("::ffff:127.0.0.1", "203.0.113.9", TRUST_NOBODY)).toEqual({ client: "127.0.0.1", chain: ["127.0.0.1"], peerTrusted: false });
    expect(resolveHops("::1", undefined, TRUST_NOBODY)).toEqual({ client: "::1", chain: ["::1"], peerTrusted: false });
  });

  it("behind one trusted hop, is the last address that hop reports; addresses to its left are the caller's word", () => {
    const hops = resolveHops("10.0.0.2", "198.51.100.1, 203.0.113.9", { hops: 1 });
    expect(hops).toEqual({ client: "203.0.113.9", chain: ["203.0.113.9", "10.0.0.2"], peerTrusted: true });
    expect(resolveHops("10.0.0.2", "198.51.100.1, 203.0.113.9", { hops: 2 }).client).toBe("198.51.100.1");
    expect(resolveHops("10.0.0.2", "203.0.113.9", { hops: 5 }).client).toBe("203.0.113.9");
  });

  it("with a list, walks left past trusted addresses only", () => {
    const trust = parseTrustedProxies("10.0.0.0/8");
    expect(resolveHops("10.0.0.2", "198.51.100.1, 203.0.113.9, 10.1.1.1", trust).client).toBe("203.0.113.9");
    expect(resolveHops("198.51.100.7", "203.0.113.9", trust)).toEqual({ client: "198.51.100.7", chain: ["198.51.100.7"], peerTrusted: false });
  });

  it("stops at an entry that is not an address", () => {
    expect(resolveHops("10.0.0.2", "203.0.113.9, <script>", { hops: 3 }).client).toBe("10.0.0.2");
    expect(normalizeAddress("[2001:db8::1]:443")).toBe("2001:db8::1");
    expect(normalizeAddress(" 192.0.2.1:8080 ")).toBe("192.0.2.1");
  });
});
