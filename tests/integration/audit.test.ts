import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, sqlClient } from "@/db/client";
import { listAudit } from "@/db/queries/audit";
import { updatePassword } from "@/db/queries/users";
import { auditBase } from "@/lib/audit";
import { createKey, deleteKey, editKey, rollKey, setKeyActive, setKeyExpiry } from "@/lib/keys/service";
import { switchToPlan } from "@/lib/plans/service";
import { createTestUser } from "@/tests/helpers/db";
import { defined } from "@/tests/helpers/defined";

const entries = async (ownerId: string, keyId?: string) => (await listAudit(ownerId, { keyId, limit: 100 })).entries.reverse();

describe("the audit log", () => {
  it("records exactly one entry per change, with the actor, the address and what changed", async () => {
    const user = await createTestUser("audit", "developer");
    const actor = { ...user, ip: "203.0.113.5", userAgent: "audit-test/1.0" };
    const created = await createKey(actor, { name: "Billing", description: "v1", rateLimit: 100, expires: "30" });
    const id = created.ok ? created.data.id : "";
    expect(created.ok).toBe(true);
    await editKey(actor, { id, name: "Billing API", description: "v1", rateLimit: 100 }); // renamed
    await editKey(actor, { id, name: "Billing API", description: "v2", rateLimit: 100 }); // description changed
    await editKey(actor, { id, name: "Billing API", description: "v2", rateLimit: 100 }); // nothing changed: no entry
    await editKey(actor, { id, name: "Billing", description: "v3", rateLimit: 200 }); // several: edited
    await setKeyActive(actor, id, false);
    await setKeyActive(actor, id, false); // already off: no entry
    await setKeyActive(actor, id, true);
    await setKeyExpiry(actor, { id, expires: "never" });
    const rolled = await rollKey(actor, id, 60_000);
    await deleteKey(actor, id);

    const log = await entries(user.id, id);
    expect(log.map((e) => e.action)).toEqual([
      "key.created",
      "key.renamed",
      "key.description_changed",
      "key.edited",
      "key.switched_off",
      "key.switched_on",
      "key.expiry_set",
      "key.rolled",
      "key.deleted",
    ]);
    expect(log.every((e) => e.actor === "you" && e.ip === "203.0.113.5" && e.userAgent === "audit-test/1.0")).toBe(true);
    expect(log[1].changes).toEqual({ name: ["Billing", "Billing API"] });
    expect(log[3].changes).toEqual({ name: ["Billing API", "Billing"], description: ["v2", "v3"], rateLimit: [100, 200] });
    expect(log[6].changes).toMatchObject({ expiresAt: [expect.any(String), null] });
    // Never a secret: the new key's text appears nowhere in the log.
    const newKey = rolled.ok ? rolled.data.key : "missing";
    expect(JSON.stringify(log)).not.toContain(newKey.slice(13));
  });

  it("records account events: password and plan changes", async () => {
    const user = await createTestUser("account-audit", "free");
    await updatePassword(user.id, "x", auditBase({ ...user, ip: "198.51.100.1" }));
    await switchToPlan(user, "business");
    const log = await entries(user.id);
    expect(log.map((e) => [e.action, e.changes])).toEqual([
      ["account.password_changed", null],
      ["account.plan_changed", { plan: ["Free", "Business"] }],
    ]);
  });

  it("shows nobody another account's entries", async () => {
    const [a, b] = [await createTestUser("audit-a"), await createTestUser("audit-b")];
    const created = await createKey(a, { name: "private" });
    const keyId = created.ok ? created.data.id : "";
    expect(await entries(a.id, keyId)).toHaveLength(1);
    expect(await entries(b.id, keyId)).toEqual([]);
    expect((await entries(b.id)).some((e) => e.keyId === keyId)).toBe(false);
  });

  it("refuses UPDATE and DELETE of an entry through the app's own database role", async () => {
    const user = await createTestUser("append-only");
    await createKey(user, { name: "kept" });
    const [entry] = await entries(user.id);
    const id = defined(entry, "an entry").id;
    await expect(sqlClient()`update audit_log set action = 'key.forged' where id = ${id}`).rejects.toThrow(/append-only/);
    await expect(sqlClient()`delete from audit_log where id = ${id}`).rejects.toThrow(/append-only/);
    await expect(db().execute(sql`delete from audit_log where owner_id = ${user.id}`)).rejects.toThrow();
    expect((await entries(user.id))[0].action).toBe("key.created");
  });

  it("pages newest first with a cursor", async () => {
    const user = await createTestUser("audit-pages");
    for (let i = 0; i < 7; i++) await createKey(user, { name: `k${i}` });
    const first = await listAudit(user.id, { limit: 3 });
    const second = await listAudit(user.id, { limit: 3, after: first.next ?? "" });
    const third = await listAudit(user.id, { limit: 3, after: second.next ?? "" });
    const names = [...first.entries, ...second.entries, ...third.entries].map((e) => (e.changes as { name: string }).name);
    expect(names).toEqual(["k6", "k5", "k4", "k3", "k2", "k1", "k0"]);
    expect(third.next).toBeNull();
  });
});

describe("audit retention", () => {
  it("drops whole months past retention and makes months ahead", async () => {
    const { dropAuditPartitionsBefore, ensureAuditPartitions } = await import("@/db/queries/audit-partitions");
    await ensureAuditPartitions(new Date(Date.UTC(2024, 0, 15)), 0); // January 2024, long past
    const user = await createTestUser("retention");
    await db().execute(sql`insert into audit_log (owner_id, action, actor, created_at) values (${user.id}, 'key.created', 'you', '2024-01-20T00:00:00Z')`);
    expect((await entries(user.id)).length).toBe(1);
    const dropped = await dropAuditPartitionsBefore(new Date(Date.UTC(2024, 2, 1)));
    expect(dropped).toContain("audit_log_2024_01");
    expect(await entries(user.id)).toEqual([]);
    await ensureAuditPartitions(new Date(), 3);
    const ahead = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + 3, 1));
    const name = `audit_log_${ahead.getUTCFullYear()}_${String(ahead.getUTCMonth() + 1).padStart(2, "0")}`;
    const [row] = await sqlClient()`select to_regclass(${name}) is not null as exists`;
    expect(row.exists).toBe(true);
  });
});
