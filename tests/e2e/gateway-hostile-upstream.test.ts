// Nothing an upstream or a caller sends steers the server: headers meant for Next.js, cookies
// for the console's origin, redirects, oversized headers, a console session cookie, and a
// forged X-Forwarded-For.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { gatewayRequests } from "@/db/schema";
import { createTestKey, createTestUser } from "@/tests/helpers/db";
import { type Server, startServer } from "@/tests/helpers/server";
import { startUpstream, type Upstream } from "@/tests/helpers/upstream";
import { waitUntil } from "@/tests/helpers/wait";

let internal: http.Server;
let internalHits = 0;
let internalUrl: string;
let upstream: Upstream;
let server: Server;
let key: Awaited<ReturnType<typeof createTestKey>>;
const others: Server[] = [];

beforeAll(async () => {
  // Stands for an address only the server can reach (an admin API, cloud metadata).
  internal = http.createServer((_req, res) => {
    internalHits++;
    res.end("INTERNAL-SECRET");
  });
  await new Promise<void>((resolve) => internal.listen(0, "127.0.0.1", resolve));
  internalUrl = `http://127.0.0.1:${(internal.address() as AddressInfo).port}/secret`;
  upstream = await startUpstream({ internalUrl });
  server = await startServer({ env: { GATEWAY_UPSTREAM_URL: upstream.url, USAGE_FLUSH_MS: "100" } });
  key = await createTestKey(await createTestUser());
});
afterAll(async () => {
  for (const s of [server, ...others]) {
    await s?.stop();
    expect(s?.logs()).not.toContain(key.key);
  }
  await upstream?.close();
  await new Promise((resolve) => internal?.close(resolve));
});

const call = (s: Server, path: string, headers: Record<string, string> = {}) =>
  fetch(`${s.url}/api/gateway${path}`, { headers: { "x-api-key": key.key, ...headers }, redirect: "manual" });
const hits = (path: string) => upstream.received.filter((r) => r.url === path).length;

describe("a hostile upstream", () => {
  it.each(["rewrite", "next", "middleware-set-cookie", "set-cookie"])("%s: its headers stay out, its body comes back once", async (kind) => {
    const response = await call(server, `/hostile/${kind}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(`upstream body for ${kind}`);
    const names = [...response.headers.keys()];
    expect(names.filter((n) => n.startsWith("x-middleware-") || n.startsWith("x-nextjs-") || n === "set-cookie")).toEqual([]);
    expect(response.headers.get("content-security-policy")).toBe("sandbox");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(hits(`/hostile/${kind}`)).toBe(1); // no second request
    expect(internalHits).toBe(0); // no internal fetch
  });

  it("an absolute Location goes back unchanged and is not followed", async () => {
    const response = await call(server, "/hostile/location");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(internalUrl);
    expect(internalHits).toBe(0);
  });

  it("64 KB of headers: 502, and the server goes on serving", async () => {
    const response = await call(server, "/hostile/64k-headers");
    expect(response.status).toBe(502);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("upstream_invalid");
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect((await call(server, "/after")).status).toBe(200);
    expect(server.child.exitCode).toBeNull();
    expect(internalHits).toBe(0);
  });
});

describe("what a caller sends", () => {
  it("the caller's Cookie never reaches the upstream", async () => {
    expect((await call(server, "/with-cookie", { cookie: "authjs.session-token=console-session; theme=dark" })).status).toBe(200);
    const seen = upstream.received.findLast((r) => r.url === "/with-cookie");
    expect(seen?.headers.cookie).toBeUndefined();
    expect(JSON.stringify(seen?.headers)).not.toContain("console-session");
  });

  async function loggedClientIp(path: string): Promise<string | null> {
    let ip: string | null | undefined;
    await waitUntil(async () => {
      const [row] = await db()
        .select({ ip: gatewayRequests.clientIp })
        .from(gatewayRequests)
        .where(eq(gatewayRequests.path, `/api/gateway${path}`))
        .orderBy(desc(gatewayRequests.id))
        .limit(1);
      ip = row?.ip;
      return row !== undefined;
    }, 5_000);
    return ip ?? null;
  }

  it("a forged X-Forwarded-For is ignored when no proxy is trusted", async () => {
    const path = `/xff-ignored-${Date.now()}`;
    expect((await call(server, path, { "x-forwarded-for": "203.0.113.9", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" })).status).toBe(200);
    const seen = upstream.received.findLast((r) => r.url === path);
    expect(seen?.headers["x-forwarded-for"]).toBe("127.0.0.1");
    expect(seen?.headers["x-forwarded-host"]).toBe(`127.0.0.1:${server.port}`);
    expect(seen?.headers["x-forwarded-proto"]).toBe("http");
    expect(seen?.headers.forwarded).toBe(`for=127.0.0.1;proto=http;host="127.0.0.1:${server.port}"`);
    expect(await loggedClientIp(path)).toBe("127.0.0.1");
  });

  it("and honoured with one trusted proxy in front", async () => {
    const behindProxy = await startServer({ env: { GATEWAY_UPSTREAM_URL: upstream.url, USAGE_FLUSH_MS: "100", GATEWAY_TRUSTED_PROXIES: "1" } });
    others.push(behindProxy);
    const path = `/xff-honoured-${Date.now()}`;
    const headers = { "x-forwarded-for": "198.51.100.1, 203.0.113.9", "x-forwarded-host": "api.example", "x-forwarded-proto": "https" };
    expect((await call(behindProxy, path, headers)).status).toBe(200);
    const seen = upstream.received.findLast((r) => r.url === path);
    // 198.51.100.1 was written by whoever called the proxy: not ours to believe.
    expect(seen?.headers["x-forwarded-for"]).toBe("203.0.113.9, 127.0.0.1");
    expect(seen?.headers["x-forwarded-host"]).toBe("api.example");
    expect(seen?.headers["x-forwarded-proto"]).toBe("https");
    expect(await loggedClientIp(path)).toBe("203.0.113.9");
  });
});
