import { describe, expect, it } from "vitest";
import { callerResponseHeaders, upstreamRequestHeaders } from "@/lib/gateway/forward-headers";

const key = { id: "key-id", ownerId: "owner-id" };
const via = { chain: ["203.0.113.9", "10.0.0.2"], proto: "https", host: "gw.example:8443" };

describe("headers going up", () => {
  const up = upstreamRequestHeaders(
    {
      host: "gw.example",
      "x-api-key": "gtw_live_secret",
      authorization: "Bearer gtw_live_secret",
      cookie: "authjs.session-token=console-session",
      connection: "keep-alive, x-private",
      "x-private": "for the next hop only",
      "keep-alive": "timeout=5",
      "transfer-encoding": "chunked",
      te: "trailers",
      upgrade: "h2c",
      expect: "100-continue",
      "x-forwarded-for": "198.51.100.66",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "http",
      forwarded: "for=198.51.100.66",
      "x-real-ip": "198.51.100.66",
      "x-gateway-key-id": "spoofed",
      "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy",
      "content-type": "application/json",
      "content-length": "12",
      "x-multi": ["a", "b"],
    },
    via,
    key,
  );

  it("drops hop-by-hop headers, those Connection names, the key, the cookie and Next.js's internals", () => {
    expect(Object.keys(up).sort()).toEqual(
      [
        "x-multi",
        "content-length",
        "content-type",
        "forwarded",
        "x-forwarded-for",
        "x-forwarded-host",
        "x-forwarded-proto",
        "x-gateway-key-id",
        "x-gateway-owner-id",
      ].sort(),
    );
    expect(JSON.stringify(up)).not.toContain("gtw_live_secret");
  });

  it("sets forwarding headers and the key's identity from what the lane saw, not from the caller", () => {
    expect(up["x-forwarded-for"]).toBe("203.0.113.9, 10.0.0.2");
    expect(up["x-forwarded-proto"]).toBe("https");
    expect(up["x-forwarded-host"]).toBe("gw.example:8443");
    expect(up.forwarded).toBe('for=203.0.113.9, for=10.0.0.2;proto=https;host="gw.example:8443"');
    expect([up["x-gateway-key-id"], up["x-gateway-owner-id"]]).toEqual(["key-id", "owner-id"]);
  });

  it("keeps another scheme's Authorization, and quotes IPv6 in Forwarded", () => {
    const basic = upstreamRequestHeaders({ authorization: "Basic dXNlcjpwYXNz" }, { chain: ["::1"], proto: "http", host: undefined }, key);
    expect(basic.authorization).toBe("Basic dXNlcjpwYXNz");
    expect(basic.forwarded).toBe('for="[::1]";proto=http');
  });
});

describe("headers coming back", () => {
  it("drops what would steer Next.js or act on the console's origin, and sandboxes the answer", () => {
    const back = callerResponseHeaders({
      "content-type": "text/html",
      "content-length": "5",
      location: "https://elsewhere.example/x",
      "set-cookie": ["authjs.session-token=evil; Path=/"],
      "x-middleware-rewrite": "http://127.0.0.1:3397/secret",
      "x-middleware-next": "1",
      "x-middleware-set-cookie": "authjs.session-token=evil",
      "x-nextjs-cache": "HIT",
      "alt-svc": 'h3=":443"',
      "clear-site-data": '"cookies"',
      connection: "keep-alive, x-hop",
      "x-hop": "1",
      "transfer-encoding": "chunked",
      "content-security-policy": "default-src 'self'",
      "x-content-type-options": "whatever",
    });
    expect(back).toEqual({
      "content-type": "text/html",
      "content-length": "5",
      location: "https://elsewhere.example/x",
      "content-security-policy": ["default-src 'self'", "sandbox"],
      "x-content-type-options": "nosniff",
    });
    expect(callerResponseHeaders({})).toEqual({ "content-security-policy": "sandbox", "x-content-type-options": "nosniff" });
  });
});
