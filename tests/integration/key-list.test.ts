import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { type KeyListQuery, listKeysPage } from "@/db/queries/key-list";
import { createTestKey, createTestUser } from "@/tests/helpers/db";

/** Every key, walking the pages forward; then backward from the last page. */
async function walk(ownerId: string, query: KeyListQuery) {
  const forward: string[][] = [];
  let page = await listKeysPage(ownerId, { ...query, limit: 7 });
  forward.push(page.keys.map((k) => k.name));
  const pages = [page];
  while (page.next) {
    page = await listKeysPage(ownerId, { ...query, limit: 7, after: page.next });
    forward.push(page.keys.map((k) => k.name));
    pages.push(page);
  }
  const backward: string[][] = [forward.at(-1) ?? []];
  while (page.previous) {
    page = await listKeysPage(ownerId, { ...query, limit: 7, before: page.previous });
    backward.unshift(page.keys.map((k) => k.name));
  }
  return { forward, backward };
}

describe("the key list", () => {
  it("pages by creation time both ways without repeating or skipping a key", async () => {
    const user = await createTestUser("list");
    for (let i = 0; i < 30; i++) await createTestKey(user, `key ${String(i).padStart(2, "0")}`);
    const { forward, backward } = await walk(user.id, {});
    expect(forward.flat()).toEqual(Array.from({ length: 30 }, (_, i) => `key ${String(29 - i).padStart(2, "0")}`));
    expect(backward).toEqual(forward);
    expect(forward).toHaveLength(5);
  });

  it("sorts by last use, never-used keys last, and pages through ties", async () => {
    const user = await createTestUser("list-used");
    for (let i = 0; i < 20; i++) await createTestKey(user, `k${String(i).padStart(2, "0")}`);
    // k00..k09 used, two of them at the very same moment; the rest never
    await db().execute(sql`
      update api_keys set last_used_at = timestamptz '2026-01-01' + (substring(name from 2)::int % 9) * interval '1 minute'
      where owner_id = ${user.id} and substring(name from 2)::int < 10`);
    const { forward, backward } = await walk(user.id, { sort: "last_used" });
    const names = forward.flat();
    expect(names).toHaveLength(20);
    expect(new Set(names).size).toBe(20);
    expect(names[0]).toBe("k08"); // used most recently
    expect(names.slice(8, 10).sort()).toEqual(["k00", "k09"]); // used at the same moment, the oldest use
    expect(names.slice(10).every((n) => Number(n.slice(1)) >= 10)).toBe(true); // never used: last
    expect(backward).toEqual(forward);
  });

  it("searches by name and filters by status", async () => {
    const user = await createTestUser("list-filter");
    const staging = await createTestKey(user, "Staging worker");
    await createTestKey(user, "staging cron 100%_");
    await createTestKey(user, "Production");
    await db().execute(sql`update api_keys set active = false where id = ${staging.id}`);
    const expired = await createTestKey(user, "Old partner");
    await db().execute(sql`update api_keys set expires_at = now() - interval '1 day' where id = ${expired.id}`);
    const names = async (q: KeyListQuery) => (await listKeysPage(user.id, q)).keys.map((k) => k.name).sort();
    expect(await names({ q: "STAGING" })).toEqual(["Staging worker", "staging cron 100%_"]);
    expect(await names({ q: "100%_" })).toEqual(["staging cron 100%_"]); // % and _ are plain text
    expect(await names({ q: "%" })).toEqual(["staging cron 100%_"]);
    expect(await names({ status: "off" })).toEqual(["Staging worker"]);
    expect(await names({ status: "expired" })).toEqual(["Old partner"]);
    expect(await names({ status: "active" })).toEqual(["Production", "staging cron 100%_"]);
  });
});
