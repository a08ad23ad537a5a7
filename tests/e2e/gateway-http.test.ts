// The gateway over real HTTP: refusals, whoami, the bypass header and forwarding.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateKey } from "@/lib/keys/format";
import { deleteKey, setKeyActive } from "@/lib/keys/service";
import { createTestKey, createTestUser } from "@/tests/helpers/db";
import { defined } from "@/tests/helpers/defined";
import { type Server, startServer } from "@/tests/helpers/server";
import { startUpstream, type Upstream } from "@/tests/helpers/upstream";

let server: Server;
let upstream: Upstream;
const keys: string[] = [];

beforeAll(async () => {
  upstream = await startUpstream();
  server = await startServer({
    env: { GATEWAY_UPSTREAM_URL: `${upstream.url}/base`, GATEWAY_UPSTREAM_TIMEOUT_MS: "1000", GATEWAY_MAX_BODY_BYTES: String(16 * 1024 * 1024) },
  });
});
afterAll(async () => {
  await server?.stop();
  await upstream?.close();
  for (const key of keys) expect(server.logs()).not.toContain(key);
});

async function newKey(user?: Awaited<ReturnType<typeof createTestUser>>) {
  const owner = user ?? (await createTestUser());
  const key = await createTestKey(owner);
  keys.push(key.key);
  return { owner, ...key };
}

const gateway = (path: string, init: RequestInit = {}) => fetch(`${server.url}/api/gateway${path}`, init);
async function errorOf(response: Response) {
  return { status: response.status, code: ((await response.json()) as { error: { code: string } }).error.code };
}

describe("refusals", () => {
  it("no key: 401 with WWW-Authenticate", async () => {
    const response = await gateway("/whoami");
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer realm="gatehouse"/);
    expect(await errorOf(response)).toEqual({ status: 401, code: "missing_key" });
  });

  it("malformed, mistyped, unknown, deleted and switched-off keys", async () => {
    const off = await newKey();
    await setKeyActive(off.owner, off.id, false);
    const gone = await newKey();
    await deleteKey(gone.owner, gone.id);
    const mistyped = off.key.slice(0, -1) + (off.key.endsWith("A") ? "B" : "A");
    const cases: [string, number, string][] = [
      ["not-a-key", 401, "invalid_key"],
      [mistyped, 401, "invalid_key"],
      [generateKey().key, 401, "unknown_key"],
      [gone.key, 401, "unknown_key"],
      [off.key, 403, "key_disabled"],
    ];
    for (const [key, status, code] of cases) {
      // A GET is answered in proxy.ts; a request with a body skips the proxy (see its matcher)
      // and is answered by the route handler, which must refuse it just the same.
      expect(await errorOf(await gateway("/whoami", { headers: { "x-api-key": key } }))).toEqual({ status, code });
      expect(await errorOf(await gateway("/anything", { method: "POST", body: "x", headers: { authorization: `Bearer ${key}` } }))).toEqual({ status, code });
    }
  });

  it("a key in the query string is refused with 400 and never looked up", async () => {
    const { key } = await newKey();
    for (const name of ["api_key", "apikey", "key", "x-api-key"]) {
      expect(await errorOf(await gateway(`/whoami?${name}=${key}`))).toEqual({ status: 400, code: "key_in_query" });
      expect(await errorOf(await gateway(`/whoami?${name}=${key}`, { headers: { "x-api-key": key } }))).toEqual({ status: 400, code: "key_in_query" });
    }
  });

  it("the middleware-bypass header changes nothing", async () => {
    for (const value of [
      "proxy",
      "middleware",
      "proxy:proxy:proxy:proxy:proxy",
      "middleware:middleware:middleware:middleware:middleware",
      "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware",
    ]) {
      const response = await gateway("/whoami", { headers: { "x-middleware-subrequest": value } });
      expect(await errorOf(response)).toEqual({ status: 401, code: "missing_key" });
      const posted = await gateway("/forward-me", { method: "POST", body: "{}", headers: { "x-middleware-subrequest": value } });
      expect(await errorOf(posted)).toEqual({ status: 401, code: "missing_key" });
    }
    expect(upstream.received.filter((r) => r.url.includes("forward-me"))).toEqual([]);
  });
});

describe("whoami", () => {
  it("names the key for x-api-key and for Bearer", async () => {
    const { id, name, key } = await newKey();
    for (const headers of [{ "x-api-key": key }, { authorization: `Bearer ${key}` }] as Record<string, string>[]) {
      const response = await gateway("/whoami", { headers });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { key: { id: string; name: string; created_at: string; last_used_at: string } };
      expect(body.key).toMatchObject({ id, name });
      expect(Date.parse(body.key.created_at)).toBeLessThanOrEqual(Date.parse(body.key.last_used_at));
      expect(JSON.stringify(body)).not.toContain(key);
    }
  });
});

describe("forwarding", () => {
  it("sends method, path, query and body upstream without the key, with the key's identity", async () => {
    const { id, owner, key } = await newKey();
    const response = await gateway("/orders/42%2F7?expand=items&n=1", {
      method: "PUT",
      body: JSON.stringify({ quantity: 3 }),
      headers: { "x-api-key": key, "content-type": "application/json", "x-gateway-key-id": "spoofed", "x-custom": "kept" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-upstream")).toBe("yes");
    expect(response.headers.get("x-hop")).toBeNull();
    const seen = defined(upstream.received.at(-1), "a request upstream");
    expect(seen).toMatchObject({ method: "PUT", url: "/base/orders/42%2F7?expand=items&n=1", body: '{"quantity":3}' });
    expect(seen.headers["x-api-key"]).toBeUndefined();
    expect(seen.headers["x-gateway-key-id"]).toBe(id);
    expect(seen.headers["x-gateway-owner-id"]).toBe(owner.id);
    expect(seen.headers["x-custom"]).toBe("kept");
    expect(JSON.stringify(seen.headers)).not.toContain(key);

    // Paths go as sent, trailing slash included (no redirect), and the gateway's root too.
    for (const [path, upstreamPath] of [
      ["/orders/", "/base/orders/"],
      ["", "/base/"],
      ["/", "/base/"],
    ]) {
      expect((await gateway(path, { headers: { "x-api-key": key } })).status).toBe(200);
      expect(upstream.received.at(-1)?.url).toBe(upstreamPath);
    }
  });

  it("removes a Bearer key, keeps other methods, and passes the upstream status through", async () => {
    const { key } = await newKey();
    for (const method of ["GET", "POST", "PATCH", "DELETE"]) {
      const response = await gateway("/status/418", { method, headers: { authorization: `Bearer ${key}` } });
      expect(response.status).toBe(418);
      const seen = defined(upstream.received.at(-1), "a request upstream");
      expect([seen.method, seen.headers.authorization]).toEqual([method, undefined]);
    }
    const whoamiPost = await gateway("/whoami", { method: "POST", headers: { "x-api-key": key } });
    expect(whoamiPost.status).toBe(200);
    expect(upstream.received.at(-1)?.url).toBe("/base/whoami");
  });

  it("streams a large body through and decodes a compressed answer", async () => {
    const { key } = await newKey();
    const big = "x".repeat(12 * 1024 * 1024); // past Next's 10 MB proxy buffer
    const response = await gateway("/upload", { method: "POST", body: big, headers: { "x-api-key": key } });
    expect(response.status).toBe(200);
    expect(upstream.received.at(-1)?.body.length).toBe(big.length);
    const zipped = await gateway("/gzip", { headers: { "x-api-key": key } });
    expect(await zipped.text()).toBe("hello, compressed");
  });

  it("answers 504 when the upstream is too slow and 502 when it is gone", async () => {
    const { key } = await newKey();
    expect(await errorOf(await gateway("/slow", { headers: { "x-api-key": key } }))).toEqual({ status: 504, code: "upstream_timeout" });
    const other = await startServer({ env: { GATEWAY_UPSTREAM_URL: "http://127.0.0.1:9" } });
    try {
      const response = await fetch(`${other.url}/api/gateway/x`, { headers: { "x-api-key": key } });
      expect(await errorOf(response)).toEqual({ status: 502, code: "upstream_unreachable" });
    } finally {
      await other.stop();
      expect(other.logs()).not.toContain(key);
    }
  });
});
