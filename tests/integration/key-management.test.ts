import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { insertKey, KEYS_PER_USER_MAX, listKeys } from "@/db/queries/keys";
import { apiKeys } from "@/db/schema";
import { generateKey, hashKey, parseKey } from "@/lib/keys/format";
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

  it(`stops at ${KEYS_PER_USER_MAX} keys per user`, async () => {
    const user = await createTestUser();
    for (let i = 0; i < KEYS_PER_USER_MAX; i++) {
      const { hash, start } = generateKey();
      await insertKey(user.id, { name: `k${i}`, description: null, hash, start });
    }
    const over = await createKey(user, { name: "one too many", description: null });
    expect(over).toMatchObject({ ok: false, message: expect.stringContaining(`at most ${KEYS_PER_USER_MAX} keys`) });
    expect(await listKeys(user.id)).toHaveLength(KEYS_PER_USER_MAX);
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
