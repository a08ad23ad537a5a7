import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqlClient } from "@/db/client";
import { deleteApiKey, setApiKeyActive } from "@/lib/api-keys";
import { keyCache } from "@/lib/gateway/key-cache";
import { startRevocationListener, stopRevocationListener } from "@/lib/gateway/revocation";
import { verifyApiKey } from "@/lib/gateway/verify";
import { generateApiKey, hashApiKey } from "@/lib/keys";
import { createTestKey, createTestUser } from "../helpers/db";
import { waitUntil } from "../helpers/wait";

const request = (headers: Record<string, string>, query = "") => new Request(`http://gateway.test/api/gateway/whoami${query}`, { headers });

beforeAll(async () => {
  startRevocationListener(process.env.DATABASE_URL!);
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
    await setApiKeyActive(user, off.id, false);
    const gone = await createTestKey(user, "gone");
    await deleteApiKey(user, gone.id);
    const mistyped = off.key.slice(0, -1) + (off.key.endsWith("A") ? "B" : "A");
    const cases: [Request, number, string][] = [
      [request({}), 401, "missing_key"],
      [request({ authorization: "Basic dXNlcjpwYXNz" }), 401, "missing_key"],
      [request({ "x-api-key": "hello" }), 401, "invalid_key"],
      [request({ "x-api-key": mistyped }), 401, "invalid_key"],
      [request({ "x-api-key": generateApiKey().key }), 401, "unknown_key"],
      [request({ "x-api-key": gone.key }), 401, "unknown_key"],
      [request({ "x-api-key": off.key }), 403, "key_disabled"],
      [request({}, `?api_key=${off.key}`), 400, "key_in_query"],
      [request({ "x-api-key": off.key }, "?APIKEY=x"), 400, "key_in_query"],
      [request({}, "?key=anything"), 400, "key_in_query"],
    ];
    for (const [req, status, code] of cases) {
      const result = await verifyApiKey(req);
      expect(result.ok).toBe(false);
      if (!result.ok) expect([req.url, result.refusal.status, result.refusal.code]).toEqual([req.url, status, code]);
    }
  });

  it("drops a cached key on every instance within a second of a change in the database", async () => {
    const user = await createTestUser();
    const { id, key } = await createTestKey(user);
    expect((await verifyApiKey(request({ "x-api-key": key }))).ok).toBe(true);
    expect(keyCache().get(hashApiKey(key))).toMatchObject({ id, active: true }); // served from memory from now on
    // Another instance (here: plain SQL on another connection) switches it off.
    await sqlClient()`update api_keys set active = false where id = ${id}`;
    const waited = await waitUntil(async () => keyCache().get(hashApiKey(key)) === undefined, 1_000);
    expect(waited).toBeLessThan(1_000);
    const refused = await verifyApiKey(request({ "x-api-key": key }));
    expect(refused.ok ? 200 : refused.refusal.status).toBe(403);
  });

  it("refuses a key switched off on this instance on the very next request", async () => {
    const user = await createTestUser();
    const { id, key } = await createTestKey(user);
    expect((await verifyApiKey(request({ "x-api-key": key }))).ok).toBe(true);
    await setApiKeyActive(user, id, false);
    const next = await verifyApiKey(request({ "x-api-key": key }));
    expect(next.ok ? 200 : next.refusal.status).toBe(403);
    await deleteApiKey(user, id);
    const after = await verifyApiKey(request({ "x-api-key": key }));
    expect(after.ok ? 200 : after.refusal.status).toBe(401);
  });
});
