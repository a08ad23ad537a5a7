import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqlClient } from "@/db/client";
import { keyCache } from "@/lib/gateway/key-cache";
import { REFUSALS } from "@/lib/gateway/refusals";
import { startRevocationListener, stopRevocationListener } from "@/lib/gateway/revocation";
import { verifyApiKey } from "@/lib/gateway/verify";
import { generateKey, hashKey } from "@/lib/keys/format";
import { deleteKey, setKeyActive } from "@/lib/keys/service";
import { createTestKey, createTestUser } from "@/tests/helpers/db";
import { defined } from "@/tests/helpers/defined";
import { waitUntil } from "@/tests/helpers/wait";

const request = (headers: Record<string, string>, query = "") => ({ apiKey: headers["x-api-key"], authorization: headers.authorization, search: query });

beforeAll(async () => {
  startRevocationListener(defined(process.env.DATABASE_URL, "DATABASE_URL"));
  await waitUntil(async () => keyCache().isTrusted, 5_000);
});
afterAll(() => stopRevocationListener());

describe("verifyApiKey", () => {
  it("accepts an active key from x-api-key or Authorization: Bearer", async () => {
    const user = await createTestUser();
    const { id, key } = await createTestKey(user);
    for (const headers of [{ "x-api-key": key }, { authorization: `Bearer ${key}` }] as Record<string, string>[]) {
      const result = await verifyApiKey(request(headers));
      expect(result).toMatchObject({ ok: true, key: { id, ownerId: user.id } });
    }
  });

  it("refuses with the right code for each kind of bad key", async () => {
    const user = await createTestUser();
    const off = await createTestKey(user, "off");
    await setKeyActive(user, off.id, false);
    const gone = await createTestKey(user, "gone");
    await deleteKey(user, gone.id);
    const mistyped = off.key.slice(0, -1) + (off.key.endsWith("A") ? "B" : "A");
    const cases: [ReturnType<typeof request>, number, string][] = [
      [request({}), 401, "missing_key"],
      [request({ authorization: "Basic dXNlcjpwYXNz" }), 401, "missing_key"],
      [request({ "x-api-key": "hello" }), 401, "invalid_key"],
      [request({ "x-api-key": mistyped }), 401, "invalid_key"],
      [request({ "x-api-key": generateKey().key }), 401, "unknown_key"],
      [request({ "x-api-key": gone.key }), 401, "unknown_key"],
      [request({ "x-api-key": off.key }), 403, "key_disabled"],
      [request({}, `?api_key=${off.key}`), 400, "key_in_query"],
      [request({ "x-api-key": off.key }, "?APIKEY=x"), 400, "key_in_query"],
      [request({}, "?key=anything"), 400, "key_in_query"],
    ];
    for (const [req, status, code] of cases) {
      const result = await verifyApiKey(req);
      expect(result.ok).toBe(false);
      if (!result.ok) expect([req, REFUSALS[result.code].status, result.code]).toEqual([req, status, code]);
    }
  });

  it("drops a cached key on every instance within a second of a change in the database", async () => {
    const user = await createTestUser();
    const { id, key } = await createTestKey(user);
    expect((await verifyApiKey(request({ "x-api-key": key }))).ok).toBe(true);
    expect(keyCache().get(hashKey(key))).toMatchObject({ id, active: true }); // served from memory from now on
    // Another instance (here: plain SQL on another connection) switches it off.
    await sqlClient()`update api_keys set active = false where id = ${id}`;
    const waited = await waitUntil(async () => keyCache().get(hashKey(key)) === undefined, 1_000);
    expect(waited).toBeLessThan(1_000);
    const refused = await verifyApiKey(request({ "x-api-key": key }));
    expect(refused.ok ? 200 : REFUSALS[refused.code].status).toBe(403);
  });

  it("refuses a key switched off on this instance on the very next request", async () => {
    const user = await createTestUser();
    const { id, key } = await createTestKey(user);
    expect((await verifyApiKey(request({ "x-api-key": key }))).ok).toBe(true);
    await setKeyActive(user, id, false);
    const next = await verifyApiKey(request({ "x-api-key": key }));
    expect(next.ok ? 200 : REFUSALS[next.code].status).toBe(403);
    await deleteKey(user, id);
    const after = await verifyApiKey(request({ "x-api-key": key }));
    expect(after.ok ? 200 : REFUSALS[after.code].status).toBe(401);
  });
});
