// Upstreams that fail: one that never answers times out alone (504) while the rest is
// served; one that hangs up or goes quiet mid-body ends the caller's response with an error.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestKey, createTestUser } from "@/tests/helpers/db";
import { type Server, startServer } from "@/tests/helpers/server";
import { startUpstream, type Upstream } from "@/tests/helpers/upstream";

let upstream: Upstream;
let server: Server;
let key: string;

beforeAll(async () => {
  upstream = await startUpstream();
  server = await startServer({ env: { GATEWAY_UPSTREAM_URL: upstream.url, GATEWAY_UPSTREAM_TIMEOUT_MS: "1500", GATEWAY_UPSTREAM_BODY_TIMEOUT_MS: "1000" } });
  key = (await createTestKey(await createTestUser())).key;
});
afterAll(async () => {
  await server?.stop();
  await upstream?.close();
  expect(server.logs()).not.toContain(key);
});

const call = (path: string) => fetch(`${server.url}/api/gateway${path}`, { headers: { "x-api-key": key } });

describe("an upstream that fails", () => {
  it("never answering: 504 after the header timeout, and other requests are served meanwhile", async () => {
    const started = Date.now();
    const hanging = Promise.all([call("/hang/1"), call("/hang/2")]);
    await new Promise((r) => setTimeout(r, 100));
    const others = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? call(`/echo/${i}`) : call("/whoami"))));
    const servedWithin = Date.now() - started;
    expect(others.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(servedWithin).toBeLessThan(1_500); // before the hanging ones time out
    for (const response of await hanging) {
      expect(response.status).toBe(504);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("upstream_timeout");
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_500);
  });

  it("hanging up mid-body: the caller's response ends with an error, not a hang", async () => {
    const response = await call("/cut");
    expect(response.status).toBe(200);
    const started = Date.now();
    await expect(response.text()).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("going quiet mid-body: cut after the body-idle timeout", async () => {
    const response = await call("/stall");
    expect(response.status).toBe(200);
    const started = Date.now();
    await expect(response.text()).rejects.toThrow();
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(800);
    expect(waited).toBeLessThan(3_000);
    expect((await call("/after-stall")).status).toBe(200);
  });
});
