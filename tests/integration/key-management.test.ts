import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { listKeys } from "@/db/queries/keys";
import { apiKeys } from "@/db/schema";
import { hashKey, parseKey } from "@/lib/keys/format";
import { createKey, deleteKey, NOT_FOUND, setKeyActive } from "@/lib/keys/service";
import { createTestKey, createTestUser } from "@/tests/helpers/db";

describe("creating keys", () => {
  it("returns the plaintext once and stores only its SHA-256 and start", async () => {
    const user = await createTestUser();
    const created = await createKey(user, { name: "Swaggy M.", description: "Docs example" });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const plaintext = created.data.key;
    expect(parseKey(plaintext).ok).toBe(true);
    const [row] = await db().select().from(apiKeys).where(eq(apiKeys.ownerId, user.id));
    expect(row.hash).toBe(hashKey(plaintext));
    expect(plaintext.startsWith(row.start)).toBe(true);
    const secret = plaintext.slice(row.start.length);
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row).toMatchObject({ name: "Swaggy M.", description: "Docs example", active: true, lastUsedAt: null, deletedAt: null });
  });

  it("lists the owner's keys newest first", async () => {
    const user = await createTestUser();
    for (const name of ["first", "second", "third"]) await createTestKey(user, name);
    expect((await listKeys(user.id)).map((k) => k.name)).toEqual(["third", "second", "first"]);
  });

  it("refuses a name the user already has, ignoring case, and writes nothing", async () => {
    const user = await createTestUser();
    await createTestKey(user, "Swaggy M.");
    const again = await createKey(user, { name: "swaggy m.", description: null });
    expect(again).toMatchObject({ ok: false, errors: { name: ["You already have a key named “swaggy m.”. Choose another name."] } });
    expect(await listKeys(user.id)).toHaveLength(1);
  });

  it("lets another user, or the same user after deleting, reuse a name", async () => {
    const [a, b] = [await createTestUser("a"), await createTestUser("b")];
    const first = await createTestKey(a, "Shared name");
    expect((await createKey(b, { name: "Shared name", description: null })).ok).toBe(true);
    await deleteKey(a, first.id);
    expect((await createKey(a, { name: "Shared name", description: null })).ok).toBe(true);
  });

  it("stops at the plan's key allowance, even for creates sent all at once", async () => {
    const user = await createTestUser("cap", "free"); // 10 keys
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => createKey(user, { name: `parallel ${i}`, description: null })));
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    const refused = results.find((r) => !r.ok);
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining("Your plan (Free) allows 10 keys") });
    expect(await listKeys(user.id)).toHaveLength(10);
  });

  it("gives a key its plan's default rate, and refuses one above the plan's maximum", async () => {
    const user = await createTestUser("rates", "free"); // 60/min by default, 600 at most
    expect((await createKey(user, { name: "default", description: null })).ok).toBe(true);
    expect((await createKey(user, { name: "chosen", description: null, rateLimit: 600 })).ok).toBe(true);
    const over = await createKey(user, { name: "too fast", description: null, rateLimit: 601 });
    expect(over).toMatchObject({ ok: false, errors: { rateLimit: ["Your plan (Free) allows at most 600/min per key."] } });
    const unlimited = await createKey(user, { name: "unlimited", description: null, rateLimit: null });
    expect(unlimited.ok).toBe(false);
    expect((await listKeys(user.id)).map((k) => [k.name, k.rateLimitPerMinute])).toEqual([
      ["chosen", 600],
      ["default", 60],
    ]);
  });
});

describe("switching and deleting", () => {
  it("sets the target state, idempotently", async () => {
    const user = await createTestUser();
    const key = await createTestKey(user);
    expect(await setKeyActive(user, key.id, false)).toEqual({ ok: true, data: { active: false } });
    expect(await setKeyActive(user, key.id, false)).toEqual({ ok: true, data: { active: false } });
    expect((await listKeys(user.id))[0].active).toBe(false);
    expect(await setKeyActive(user, key.id, true)).toEqual({ ok: true, data: { active: true } });
  });

  it("deletes a key from the list for good", async () => {
    const user = await createTestUser();
    const key = await createTestKey(user);
    expect((await deleteKey(user, key.id)).ok).toBe(true);
    expect(await listKeys(user.id)).toEqual([]);
    expect(await setKeyActive(user, key.id, true)).toEqual({ ok: false, message: NOT_FOUND });
    expect(await deleteKey(user, key.id)).toEqual({ ok: false, message: NOT_FOUND });
  });
});

describe("ownership", () => {
  it("user B can neither see, switch nor delete user A's key", async () => {
    const [a, b] = [await createTestUser("a"), await createTestUser("b")];
    const key = await createTestKey(a, "A's key");
    expect(await listKeys(b.id)).toEqual([]);
    expect(await setKeyActive(b, key.id, false)).toEqual({ ok: false, message: NOT_FOUND });
    expect(await deleteKey(b, key.id)).toEqual({ ok: false, message: NOT_FOUND });
    const [row] = await listKeys(a.id);
    expect(row).toMatchObject({ id: key.id, active: true });
  });

  it("an id that does not exist is simply not found", async () => {
    const user = await createTestUser();
    expect(await setKeyActive(user, randomUUID(), false)).toEqual({ ok: false, message: NOT_FOUND });
  });
});
