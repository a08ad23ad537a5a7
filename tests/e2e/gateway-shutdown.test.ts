// SIGTERM with 200 slow gateway requests in flight: every one of them completes (none is cut),
// requests arriving meanwhile get 503, and the request log is written before the exit.
import { count, eq } from "drizzle-orm";
import { Agent, request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { apiKeys, gatewayRequests } from "@/db/schema";
import { createTestKey, createTestUser } from "@/tests/helpers/db";
import { type Server, startServer } from "@/tests/helpers/server";
import { startUpstream, type Upstream } from "@/tests/helpers/upstream";
import { waitUntil } from "@/tests/helpers/wait";

const IN_FLIGHT = 200;
const SLOW_MS = 1_500;
let upstream: Upstream;
let server: Server;
let key: Awaited<ReturnType<typeof createTestKey>>;
const agent = new Agent({ connections: IN_FLIGHT + 50 });

beforeAll(async () => {
  upstream = await startUpstream();
  // No timed flush: what reaches the database was written by the shutdown.
  server = await startServer({ env: { GATEWAY_UPSTREAM_URL: upstream.url, USAGE_FLUSH_MS: "600000" } });
  key = await createTestKey(await createTestUser());
});
afterAll(async () => {
  await server?.stop();
  await upstream?.close();
  await agent.close();
  expect(server.logs()).not.toContain(key.key);
});

async function call(path: string) {
  const response = await request(`${server.url}/api/gateway${path}`, { headers: { "x-api-key": key.key }, dispatcher: agent });
  return { status: response.statusCode, body: await response.body.text() };
}

describe("shutdown", () => {
  it("lets in-flight gateway requests finish, refuses new ones with 503, then flushes the log", async () => {
    const slow = Array.from({ length: IN_FLIGHT }, (_, i) => call(`/delay/${SLOW_MS}?n=${i}`));
    await waitUntil(() => upstream.received.filter((r) => r.url.startsWith(`/delay/${SLOW_MS}`)).length === IN_FLIGHT, 10_000);

    const exited = server.stop("SIGTERM");
    await new Promise((r) => setTimeout(r, 200));
    const late = await Promise.all(Array.from({ length: 10 }, () => call("/late").catch((error: Error) => ({ status: 0, body: error.message }))));
    const finished = await Promise.all(slow);
    const code = await exited;

    console.log(
      `[shutdown] ${finished.filter((r) => r.status === 200).length} of ${IN_FLIGHT} in-flight requests completed; late ones: ${late.map((r) => r.status).join(",")}; exit code ${code}`,
    );
    // None cut: each in-flight request got the upstream's whole answer.
    for (const [i, r] of finished.entries()) expect([r.status, JSON.parse(r.body).url]).toEqual([200, `/delay/${SLOW_MS}?n=${i}`]);
    for (const r of late) {
      expect(r.status).toBe(503);
      expect(JSON.parse(r.body).error.code).toBe("shutting_down");
    }
    expect(upstream.received.filter((r) => r.url === "/late")).toEqual([]);
    expect(code === 0 || code === 143).toBe(true);
    const [{ logged }] = await db().select({ logged: count() }).from(gatewayRequests).where(eq(gatewayRequests.keyId, key.id));
    expect(logged).toBe(IN_FLIGHT);
    const [row] = await db().select({ lastUsedAt: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(row.lastUsedAt).not.toBeNull();
  });
});
