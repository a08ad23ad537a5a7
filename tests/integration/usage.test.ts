import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { writeUsage } from "@/db/queries/usage";
import { apiKeys, gatewayRequests, users } from "@/db/schema";
import { flushUsage, recordRequest, touchKey, usageFlushCount } from "@/lib/gateway/usage";
import type { RowBuffer } from "@/lib/request-log/row-buffer";
import { createTestKey, createTestUser } from "@/tests/helpers/db";
import { usageBatch } from "@/tests/helpers/usage-batch";

const lastUsed = async (id: string) => (await db().select({ at: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.id, id)))[0].at;
const row = (ownerId: string, keyId: string, status = 200, createdAt = new Date()) => ({
  ownerId,
  keyId,
  method: "GET",
  path: "/api/gateway/whoami",
  status,
  latencyMs: 1,
  clientIp: "127.0.0.1",
  createdAt,
});

describe("the batched usage writer", () => {
  it("never moves last-used backwards", async () => {
    const user = await createTestUser();
    const { id } = await createTestKey(user);
    const later = new Date("2030-01-01T00:00:02Z");
    await writeUsage(usageBatch([{ keyId: id, at: later }], []));
    await writeUsage(usageBatch([{ keyId: id, at: new Date("2030-01-01T00:00:01Z") }], []));
    expect(await lastUsed(id)).toEqual(later);
  });

  it("writes many requests over several keys in one statement per flush", async () => {
    const user = await createTestUser();
    const keys = await Promise.all(["a", "b", "c"].map((n) => createTestKey(user, n)));
    const latest = new Map<string, Date>();
    for (let i = 0; i < 300; i++) {
      const key = keys[i % 3];
      const at = new Date(Date.now() + i);
      touchKey(key.id, at);
      recordRequest(row(user.id, key.id, 200, at));
      latest.set(key.id, at);
    }
    const flushesBefore = usageFlushCount();
    await flushUsage();
    expect(usageFlushCount() - flushesBefore).toBe(1); // writeUsage is a single statement
    for (const key of keys) expect(await lastUsed(key.id)).toEqual(latest.get(key.id));
    const logged = await db().select().from(gatewayRequests).where(eq(gatewayRequests.ownerId, user.id));
    expect(logged).toHaveLength(300);
  });

  it("writes its batch even when a key in it was removed for good meanwhile", async () => {
    const user = await createTestUser();
    const gone = await createTestUser();
    const key = await createTestKey(user);
    const goneKey = await createTestKey(gone);
    await db().delete(users).where(eq(users.id, gone.id)); // cascades to the key
    await writeUsage(usageBatch([{ keyId: goneKey.id, at: new Date() }], [row(user.id, key.id), row(gone.id, goneKey.id)]));
    expect(await db().select().from(gatewayRequests).where(eq(gatewayRequests.ownerId, user.id))).toHaveLength(1);
    // The removed key's row carries no owner anyone can see: readers join api_keys, retention drops it.
    const shown = await db()
      .select()
      .from(gatewayRequests)
      .innerJoin(apiKeys, eq(apiKeys.id, gatewayRequests.keyId))
      .where(eq(gatewayRequests.keyId, goneKey.id));
    expect(shown).toEqual([]);
  });

  it("puts a failed batch back and writes it on the next flush", async () => {
    const user = await createTestUser();
    const key = await createTestKey(user);
    const at = new Date();
    touchKey(key.id, at);
    recordRequest(row(user.id, key.id, 70_000)); // out of smallint's range: the statement fails
    await flushUsage();
    expect(await lastUsed(key.id)).toBeNull();
    // The bad row is still queued, so the next flush fails too: prove nothing was lost, then clear it.
    const writer = (globalThis as Record<symbol, { rows: RowBuffer }>)[Symbol.for("gatehouse.usage")];
    const queued = writer.rows.take();
    expect([...queued.numbers.status]).toContain(70_000);
    queued.numbers.status.fill(200);
    writer.rows.restore(queued);
    await flushUsage();
    expect(await lastUsed(key.id)).toEqual(at);
  });
});
