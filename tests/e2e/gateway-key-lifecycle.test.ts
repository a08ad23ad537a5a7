// Expiry and rolling at the gateway, on two production servers over one database.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { listAudit } from "@/db/queries/audit";
import { findKeyForOwner } from "@/db/queries/keys";
import { rollKey } from "@/lib/keys/service";
import { createTestKey, createTestUser } from "@/tests/helpers/db";
import { type Server, startServer } from "@/tests/helpers/server";
import { waitUntil } from "@/tests/helpers/wait";

let a: Server;
let b: Server;
// Short quiet period and a fast sweep, so a grace can end early within the test.
const env = { KEY_GRACE_QUIET_MS: "2000", KEY_LIFECYCLE_SWEEP_MS: "200", USAGE_FLUSH_MS: "200" };
beforeAll(async () => {
  [a, b] = await Promise.all([startServer({ env }), startServer({ env })]);
});
afterAll(() => Promise.all([a?.stop(), b?.stop()]));

async function code(server: Server, key: string): Promise<string> {
  const response = await fetch(`${server.url}/api/gateway/whoami`, { headers: { "x-api-key": key } });
  if (response.status === 200) return "ok";
  return ((await response.json()) as { error: { code: string } }).error.code;
}

describe("expiry at the gateway", () => {
  it("refuses a key on both instances from the second it expires, though both had it cached", async () => {
    const user = await createTestUser("expiring");
    const { id, key } = await createTestKey(user, "short-lived");
    const expiresAt = new Date(Date.now() + 3_000);
    await db().execute(sql`update api_keys set expires_at = ${expiresAt.toISOString()}::timestamptz where id = ${id}`);
    await waitUntil(async () => (await code(a, key)) === "ok" && (await code(b, key)) === "ok", 2_000);
    await waitUntil(async () => (await code(a, key)) === "key_expired" && (await code(b, key)) === "key_expired", 5_000, 10);
    const late = Date.now() - expiresAt.getTime();
    console.log(`[expiry] both instances refused the key ${late} ms after its expiry`);
    expect(late).toBeLessThan(1_000);
    await waitUntil(async () => (await listAudit(user.id, { keyId: id })).entries.some((e) => e.action === "key.expired"), 3_000);
    const noted = (await listAudit(user.id, { keyId: id })).entries.filter((e) => e.action === "key.expired");
    expect(noted).toHaveLength(1); // two instances sweep; the event is recorded once
  });
});

describe("rolling at the gateway", () => {
  it("keeps the old secret working through its grace, then refuses it on both instances", async () => {
    const user = await createTestUser("rolling");
    const { id, key: old } = await createTestKey(user, "rolled");
    expect([await code(a, old), await code(b, old)]).toEqual(["ok", "ok"]);
    const rolled = await rollKey(user, id, 3_000);
    const fresh = rolled.ok ? rolled.data.key : "";
    expect([await code(a, old), await code(b, old), await code(a, fresh), await code(b, fresh)]).toEqual(["ok", "ok", "ok", "ok"]);
    await waitUntil(async () => (await code(a, old)) !== "ok" && (await code(b, old)) !== "ok", 5_000, 20);
    expect([await code(a, old), await code(b, old), await code(a, fresh)]).toEqual(["unknown_key", "unknown_key", "ok"]);
  });

  it("ends the grace early once the new secret is in use and the old one has gone quiet", async () => {
    const user = await createTestUser("quiet");
    const { id, key: old } = await createTestKey(user, "goes quiet");
    const rolled = await rollKey(user, id, 7 * 24 * 3600_000);
    const fresh = rolled.ok ? rolled.data.key : "";
    expect(await code(a, old)).toBe("ok");
    expect(await code(b, fresh)).toBe("ok"); // the new secret in use
    const quietFrom = Date.now();
    await waitUntil(async () => (await findKeyForOwner(user.id, id))?.graceUntil === null, 6_000, 50);
    const ended = Date.now() - quietFrom;
    console.log(`[roll] the grace ended ${ended} ms after the old secret's last use (quiet period 2000 ms)`);
    expect(ended).toBeGreaterThanOrEqual(1_500);
    await waitUntil(async () => (await code(a, old)) === "unknown_key" && (await code(b, old)) === "unknown_key", 1_000, 10);
    expect(await code(a, fresh)).toBe("ok");
    const entry = (await listAudit(user.id, { keyId: id })).entries.find((e) => e.action === "key.grace_ended");
    expect(entry?.changes).toMatchObject({ reason: "quiet" });
  });
});
