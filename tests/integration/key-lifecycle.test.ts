import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { listAudit } from "@/db/queries/audit";
import { endGraces, noteExpiries } from "@/db/queries/key-lifecycle";
import { findKeyForOwner } from "@/db/queries/keys";
import { createKey, rollKey } from "@/lib/keys/service";
import { createTestUser } from "@/tests/helpers/db";

const QUIET_MS = 15 * 60 * 1000;
const keyActions = async (ownerId: string, keyId: string) => (await listAudit(ownerId, { keyId })).entries.map((e) => [e.action, e.actor, e.changes]);

async function rolledKey(graceMs: number) {
  const user = await createTestUser("lifecycle");
  const created = await createKey(user, { name: "rolling" });
  const id = created.ok ? created.data.id : "";
  await rollKey(user, id, graceMs);
  return { user, id };
}

describe("the key lifecycle sweep", () => {
  it("ends a grace at its deadline, once, however often it runs", async () => {
    const { user, id } = await rolledKey(60_000);
    expect((await findKeyForOwner(user.id, id))?.previousStart).toMatch(/^gtw_live_/);
    await db().execute(sql`update api_keys set grace_until = now() - interval '1 second' where id = ${id}`);
    await Promise.all([endGraces(QUIET_MS), endGraces(QUIET_MS), endGraces(QUIET_MS)]);
    expect((await findKeyForOwner(user.id, id))?.graceUntil).toBeNull();
    const ended = (await keyActions(user.id, id)).filter(([action]) => action === "key.grace_ended");
    expect(ended).toEqual([["key.grace_ended", "gatehouse", { reason: "deadline", secret: expect.stringMatching(/^gtw_live_/) }]]);
  });

  it("ends it early once the new secret is in use and the old one has gone quiet", async () => {
    const { user, id } = await rolledKey(7 * 24 * 3600_000);
    await db().execute(sql`update api_keys set previous_used_at = now() - interval '16 minutes', current_used_at = now() where id = ${id}`);
    await endGraces(QUIET_MS);
    expect((await keyActions(user.id, id))[0]).toEqual(["key.grace_ended", "gatehouse", expect.objectContaining({ reason: "quiet" })]);
  });

  it("keeps the grace while the new secret is unused, or the old one is still busy", async () => {
    const { user, id } = await rolledKey(7 * 24 * 3600_000);
    await db().execute(sql`update api_keys set rolled_at = now() - interval '1 hour' where id = ${id}`);
    await endGraces(QUIET_MS); // new secret never used
    await db().execute(sql`update api_keys set current_used_at = now(), previous_used_at = now() - interval '1 minute' where id = ${id}`);
    await endGraces(QUIET_MS); // old one used a minute ago
    expect((await findKeyForOwner(user.id, id))?.graceUntil).not.toBeNull();
  });

  it("notes an expiry once, when it is first noticed", async () => {
    const user = await createTestUser("expiry");
    const created = await createKey(user, { name: "short-lived", expires: "7" });
    const id = created.ok ? created.data.id : "";
    await noteExpiries();
    expect((await keyActions(user.id, id)).map(([a]) => a)).toEqual(["key.created"]);
    await db().execute(sql`update api_keys set expires_at = now() - interval '1 second' where id = ${id}`);
    await Promise.all([noteExpiries(), noteExpiries()]);
    await noteExpiries();
    expect((await keyActions(user.id, id)).map(([a]) => a)).toEqual(["key.expired", "key.created"]);
  });
});

describe("sweepKeyLifecycle", () => {
  it("does the due work, and issues no UPDATE when nothing is due", async () => {
    const { sweepKeyLifecycle } = await import("@/lib/keys/lifecycle");
    const { user, id } = await rolledKey(60_000);
    const updates = async () => {
      const [row] = await db().execute<{ n: string }>(sql`select n_tup_upd + n_tup_hot_upd as n from pg_stat_user_tables where relname = 'api_keys'`);
      return row;
    };
    expect(await updates()).toBeDefined();
    await db().execute(sql`update api_keys set grace_until = now() - interval '1 second' where id = ${id}`);
    await sweepKeyLifecycle();
    expect((await findKeyForOwner(user.id, id))?.graceUntil).toBeNull();
    const { lifecycleDue } = await import("@/db/queries/key-lifecycle");
    expect(await lifecycleDue(QUIET_MS)).toMatchObject({ graces: false });
  });
});
