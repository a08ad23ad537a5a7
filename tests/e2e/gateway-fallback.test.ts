// Defense in depth: a gateway request that reaches Next.js instead of the lane (plain `next
// start`, or a path only Next.js's URL parsing turns into /api/gateway/…) is still verified
// by the same verifyApiKey(), or refused. It is never forwarded and never passes unverified.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateKey } from "@/lib/keys/format";
import { setKeyActive } from "@/lib/keys/service";
import { createTestKey, createTestUser } from "@/tests/helpers/db";
import { type Server, startServer } from "@/tests/helpers/server";
import { startUpstream, type Upstream } from "@/tests/helpers/upstream";

let upstream: Upstream;
let nextOnly: Server;
let lane: Server;
let key: Awaited<ReturnType<typeof createTestKey>>;
let off: Awaited<ReturnType<typeof createTestKey>>;

beforeAll(async () => {
  upstream = await startUpstream();
  [nextOnly, lane] = await Promise.all([
    startServer({ nextOnly: true, env: { GATEWAY_UPSTREAM_URL: upstream.url } }),
    startServer({ env: { GATEWAY_UPSTREAM_URL: upstream.url } }),
  ]);
  const user = await createTestUser();
  key = await createTestKey(user);
  off = await createTestKey(user);
  await setKeyActive(user, off.id, false);
});
afterAll(async () => {
  for (const server of [nextOnly, lane]) {
    await server?.stop();
    for (const k of [key, off]) expect(server?.logs()).not.toContain(k?.key);
  }
  await upstream?.close();
});

/** The path goes on the wire exactly as written (fetch would resolve dot segments first). */
function raw(server: Server, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; code?: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: server.port, path, method: options.method ?? "GET", headers: options.headers }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => {
        let code: string | undefined;
        try {
          code = JSON.parse(body).error?.code;
        } catch {}
        resolve({ status: res.statusCode ?? 0, code, headers: res.headers });
      });
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

describe("a gateway request in Next.js without the lane (next start)", () => {
  it("is refused with the lane's codes, or verified", async () => {
    const cases: [Record<string, string>, string, number, string | undefined][] = [
      [{}, "/api/gateway/whoami", 401, "missing_key"],
      [{ "x-api-key": "not-a-key" }, "/api/gateway/whoami", 401, "invalid_key"],
      [{ "x-api-key": generateKey().key }, "/api/gateway/whoami", 401, "unknown_key"],
      [{ "x-api-key": off.key }, "/api/gateway/whoami", 403, "key_disabled"],
      [{}, `/api/gateway/whoami?api_key=${key.key}`, 400, "key_in_query"],
      [{ "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" }, "/api/gateway/orders", 401, "missing_key"],
      [{ "x-api-key": key.key }, "/api/gateway/whoami", 200, undefined],
    ];
    for (const [headers, path, status, code] of cases) {
      const answer = await raw(nextOnly, path, { headers });
      expect([path, answer.status, answer.code]).toEqual([path, status, code]);
      expect(answer.headers["content-security-policy"]).toBe("sandbox");
    }
  });

  it("is never forwarded: a verified key gets 503 lane_missing, a bad one its refusal", async () => {
    expect(await raw(nextOnly, "/api/gateway/orders", { headers: { "x-api-key": key.key } })).toMatchObject({ status: 503, code: "lane_missing" });
    expect(await raw(nextOnly, "/api/gateway/orders", { method: "POST", body: "{}", headers: { "x-api-key": key.key } })).toMatchObject({
      status: 503,
      code: "lane_missing",
    });
    expect(await raw(nextOnly, "/api/gateway/orders", { method: "POST", body: "{}", headers: { "x-api-key": off.key } })).toMatchObject({ status: 403 });
    expect(upstream.received).toEqual([]);
  });
});

describe("with the lane", () => {
  it("a path that Next.js alone would resolve into the gateway is verified there", async () => {
    expect(await raw(lane, "/api/x/../gateway/whoami")).toMatchObject({ status: 401, code: "missing_key" });
    expect(await raw(lane, "/api/x/../gateway/whoami", { headers: { "x-api-key": key.key } })).toMatchObject({ status: 200 });
    expect(await raw(lane, "/api/x/../gateway/orders", { headers: { "x-api-key": key.key } })).toMatchObject({ status: 503, code: "lane_missing" });
  });

  it("a gateway path with dot segments is refused, never resolved into a console path", async () => {
    for (const path of ["/api/gateway/../../keys", "/api/gateway/%2e%2e/%2E%2E/keys", "/api/gateway/./whoami"]) {
      expect(await raw(lane, path, { headers: { "x-api-key": key.key } })).toMatchObject({ status: 400, code: "invalid_path" });
    }
    expect(upstream.received).toEqual([]);
  });
});
