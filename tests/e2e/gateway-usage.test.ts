// Last-used and the request log on a running server: batched, bounded, never backwards, flushed at shutdown.
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, sqlClient } from "@/db/client";
import { apiKeys, gatewayRequests } from "@/db/schema";
import { createTestKey, createTestUser } from "@/tests/helpers/db";
import { defined } from "@/tests/helpers/defined";
import { type Server, startServer } from "@/tests/helpers/server";
import { waitUntil } from "@/tests/helpers/wait";

const FLUSH_MS = 500;
const plaintexts: string[] = [];
const servers: Server[] = [];

async function lastUsed(ids: string[]): Promise<Map<string, Date | null>> {
  const rows = await db().select({ id: apiKeys.id, at: apiKeys.lastUsedAt }).from(apiKeys).where(inArray(apiKeys.id, ids));
  return new Map(rows.map((r) => [r.id, r.at]));
}

// Counts UPDATE statements on api_keys exactly, which pg_stat views report only late.
beforeAll(async () => {
  const sql = sqlClient();
  await sql`create table if not exists test_key_update_statements (at timestamptz not null default clock_timestamp())`;
  await sql`create or replace function test_count_key_updates() returns trigger language plpgsql as $$ begin insert into test_key_update_statements default values; return null; end $$`;
  await sql`drop trigger if exists test_count_key_updates on api_keys`;
  await sql`create trigger test_count_key_updates after update on api_keys for each statement execute function test_count_key_updates()`;
});
afterAll(async () => {
  const sql = sqlClient();
  await sql`drop trigger if exists test_count_key_updates on api_keys`;
  await sql`drop function if exists test_count_key_updates()`;
  await sql`drop table if exists test_key_update_statements`;
  for (const server of servers) {
    await server.stop();
    for (const key of plaintexts) expect(server.logs()).not.toContain(key);
  }
});

describe("last used", () => {
  it("follows each key's latest request within the window, with one statement per flush", async () => {
    const server = await startServer({ env: { USAGE_FLUSH_MS: String(FLUSH_MS) } });
    servers.push(server);
    const user = await createTestUser();
    const keys = await Promise.all(["a", "b", "c"].map((name) => createTestKey(user, name)));
    plaintexts.push(...keys.map((k) => k.key));
    const ids = keys.map((k) => k.id);
    const [{ before }] = await sqlClient()`select count(*)::int as before from test_key_update_statements`;

    const started = Date.now();
    const lastSent = new Map<string, number>();
    const seen = new Map<string, number>();
    for (let round = 0; Date.now() - started < 2_000; round++) {
      const key = keys[round % keys.length];
      const sent = Date.now();
      const response = await fetch(`${server.url}/api/gateway/whoami`, { headers: { "x-api-key": key.key } });
      expect(response.status).toBe(200);
      lastSent.set(key.id, sent);
      if (round % 25 === 0) {
        for (const [id, at] of await lastUsed(ids)) {
          if (!at) continue;
          expect(at.getTime()).toBeGreaterThanOrEqual(seen.get(id) ?? 0); // never backwards
          seen.set(id, at.getTime());
        }
      }
    }
    const elapsed = Date.now() - started;

    // Within 5 s (in fact one flush interval) every key shows its latest request.
    const sentAt = (id: string) => defined(lastSent.get(id), "the time of the last request");
    await waitUntil(async () => [...(await lastUsed(ids))].every(([id, at]) => at !== null && at.getTime() >= sentAt(id) - 5), 5_000);
    for (const [id, at] of await lastUsed(ids)) expect(defined(at, "last used").getTime()).toBeLessThanOrEqual(sentAt(id) + 1_000);

    const [{ after }] = await sqlClient()`select count(*)::int as after from test_key_update_statements`;
    const statements = after - before;
    console.log(`[usage] ${elapsed} ms of requests over 3 keys: ${statements} UPDATE statements on api_keys (flush every ${FLUSH_MS} ms)`);
    expect(statements).toBeGreaterThanOrEqual(1);
    expect(statements).toBeLessThanOrEqual(Math.ceil((elapsed + 1_000) / FLUSH_MS) + 1);

    const logged = await db().select().from(gatewayRequests).where(eq(gatewayRequests.ownerId, user.id));
    expect(logged.length).toBeGreaterThan(10);
    expect(new Set(logged.map((r) => r.keyId))).toEqual(new Set(ids));
  });

  it("writes what is still buffered when the server is told to stop", async () => {
    const server = await startServer({ env: { USAGE_FLUSH_MS: "600000" } }); // no timed flush in this test
    servers.push(server);
    const user = await createTestUser();
    const key = await createTestKey(user);
    plaintexts.push(key.key);
    for (let i = 0; i < 5; i++) {
      expect((await fetch(`${server.url}/api/gateway/whoami`, { headers: { "x-api-key": key.key } })).status).toBe(200);
    }
    expect((await lastUsed([key.id])).get(key.id)).toBeNull();
    const code = await server.stop("SIGTERM");
    expect(code === 0 || code === 143).toBe(true);
    expect((await lastUsed([key.id])).get(key.id)).not.toBeNull();
    expect(await db().select().from(gatewayRequests).where(eq(gatewayRequests.keyId, key.id))).toHaveLength(5);
  });
});
