// Every change to a key, each in one transaction with the owner's row locked and with its
// audit entry: creates, edits, switches, expiry, rolls and deletes of one account queue here,
// so a count or a plan maximum read now still holds when the write lands.
import { count, eq } from "drizzle-orm";
import { db, type Tx } from "@/db/client";
import { type AuditBase, appendAudit } from "@/db/queries/audit";
import { isUniqueViolation } from "@/db/queries/errors";
import {
  type InsertKeyResult,
  type KeyDetails,
  type KeyListItem,
  type KeyWriteRefusal,
  listColumns,
  live,
  liveKey,
  type NewKeyRow,
  type RequestedRate,
} from "@/db/queries/keys";
import { type ApiKey, apiKeys, type Plan, plans, users } from "@/db/schema";

type Changed = Pick<ApiKey, "id" | "name" | "hash" | "previousHash">;
export type UpdateKeyResult = { ok: true; key: KeyListItem & Changed } | KeyWriteRefusal;
export type KeyChange = { ok: true; key: Changed } | { ok: false; reason: "not_found" };

async function lockedPlan(tx: Tx, ownerId: string): Promise<Plan | null> {
  const [row] = await tx
    .select({ plan: plans })
    .from(users)
    .innerJoin(plans, eq(plans.id, users.planId))
    .where(eq(users.id, ownerId))
    .for("update", { of: users });
  return row?.plan ?? null;
}

async function lockedKey(tx: Tx, ownerId: string, id: string): Promise<ApiKey | null> {
  const [key] = await tx.select().from(apiKeys).where(liveKey(ownerId, id)).for("update");
  return key ?? null;
}

/** The rate a key gets: the plan's default when none is asked for; refused above the plan's maximum. */
function rateFor(plan: Plan, requested: RequestedRate): { ok: true; rate: number | null } | { ok: false } {
  const rate = requested === undefined ? plan.defaultRatePerMinute : requested;
  if (plan.maxRatePerMinute !== null && (rate === null || rate > plan.maxRatePerMinute)) return { ok: false };
  return { ok: true, rate };
}

async function refusingTakenNames<T>(write: () => Promise<T>): Promise<T | KeyWriteRefusal> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error, "api_keys_owner_name_key")) return { ok: false, reason: "name_taken" };
    throw error;
  }
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export async function insertKey(row: NewKeyRow & { expiresAt: Date | null }, requestedRate: RequestedRate, audit: AuditBase): Promise<InsertKeyResult> {
  const ownerId = audit.ownerId;
  return refusingTakenNames(() =>
    db().transaction(async (tx): Promise<InsertKeyResult> => {
      const plan = await lockedPlan(tx, ownerId);
      if (!plan) return { ok: false, reason: "not_found" };
      if (plan.maxKeys !== null) {
        const [{ n }] = await tx.select({ n: count() }).from(apiKeys).where(live(ownerId));
        if (n >= plan.maxKeys) return { ok: false, reason: "limit", plan };
      }
      const rate = rateFor(plan, requestedRate);
      if (!rate.ok) return { ok: false, reason: "rate", plan };
      const [key] = await tx
        .insert(apiKeys)
        .values({ ...row, ownerId, rateLimitPerMinute: rate.rate })
        .returning(listColumns);
      const changes = { name: key.name, description: key.description, rateLimit: key.rateLimitPerMinute, expiresAt: iso(key.expiresAt) };
      await appendAudit(tx, { ...audit, keyId: key.id, action: "key.created", changes });
      return { ok: true, key };
    }),
  );
}

/** Name, description and rate limit; one entry naming what changed (none when nothing did). */
export async function updateKeyDetails(id: string, details: KeyDetails, requestedRate: RequestedRate, audit: AuditBase): Promise<UpdateKeyResult> {
  return refusingTakenNames(() =>
    db().transaction(async (tx): Promise<UpdateKeyResult> => {
      const plan = await lockedPlan(tx, audit.ownerId);
      const before = plan && (await lockedKey(tx, audit.ownerId, id));
      if (!plan || !before) return { ok: false, reason: "not_found" };
      const rate = rateFor(plan, requestedRate);
      if (!rate.ok) return { ok: false, reason: "rate", plan };
      const after = { name: details.name, description: details.description, rateLimitPerMinute: rate.rate };
      const [key] = await tx
        .update(apiKeys)
        .set(after)
        .where(eq(apiKeys.id, id))
        .returning({ ...listColumns, hash: apiKeys.hash, previousHash: apiKeys.previousHash });
      const changes: Record<string, [unknown, unknown]> = {};
      if (before.name !== after.name) changes.name = [before.name, after.name];
      if (before.description !== after.description) changes.description = [before.description, after.description];
      if (before.rateLimitPerMinute !== after.rateLimitPerMinute) changes.rateLimit = [before.rateLimitPerMinute, after.rateLimitPerMinute];
      const fields = Object.keys(changes);
      const action =
        fields.length > 1 ? "key.edited" : { name: "key.renamed", description: "key.description_changed", rateLimit: "key.rate_limit_changed" }[fields[0]];
      if (action) await appendAudit(tx, { ...audit, keyId: id, action, changes });
      return { ok: true, key };
    }),
  );
}

/** A change that is one UPDATE of the key's row and one entry; no entry when nothing changes. */
async function changeKey(
  id: string,
  audit: AuditBase,
  decide: (key: ApiKey) => { set: Partial<ApiKey>; action: string; changes: Record<string, unknown> } | null,
): Promise<KeyChange> {
  return db().transaction(async (tx): Promise<KeyChange> => {
    const key = await lockedKey(tx, audit.ownerId, id);
    if (!key) return { ok: false, reason: "not_found" };
    const change = decide(key);
    if (change) {
      await tx.update(apiKeys).set(change.set).where(eq(apiKeys.id, id));
      await appendAudit(tx, { ...audit, keyId: id, action: change.action, changes: change.changes });
    }
    return { ok: true, key: { id: key.id, name: key.name, hash: key.hash, previousHash: key.previousHash } };
  });
}

export const updateKeyActive = (id: string, active: boolean, audit: AuditBase) =>
  changeKey(id, audit, (key) =>
    key.active === active ? null : { set: { active }, action: active ? "key.switched_on" : "key.switched_off", changes: { active: [key.active, active] } },
  );

export const markKeyDeleted = (id: string, audit: AuditBase) =>
  changeKey(id, audit, (key) => ({ set: { deletedAt: new Date(), active: false }, action: "key.deleted", changes: { name: key.name } }));

/** A new expiry (null: never). On a key that has expired it is a renewal. */
export const setKeyExpiry = (id: string, expiresAt: Date | null, audit: AuditBase) =>
  changeKey(id, audit, (key) => ({
    set: { expiresAt, expiryNotedAt: null },
    action: key.expiresAt && key.expiresAt <= new Date() ? "key.renewed" : "key.expiry_set",
    changes: { expiresAt: [iso(key.expiresAt), iso(expiresAt)] },
  }));

/**
 * A new secret for the key. The old one keeps working until `graceUntil` (null: no grace);
 * a grace still running from an earlier roll ends now, with the older secret.
 */
export const rollKeySecret = (id: string, secret: Pick<ApiKey, "hash" | "start">, graceUntil: Date | null, audit: AuditBase) =>
  changeKey(id, audit, (key) => ({
    set: {
      hash: secret.hash,
      start: secret.start,
      rolledAt: new Date(),
      previousHash: graceUntil ? key.hash : null,
      previousStart: graceUntil ? key.start : null,
      graceUntil,
      currentUsedAt: null,
      previousUsedAt: null,
    },
    action: "key.rolled",
    changes: { start: [key.start, secret.start], graceUntil: iso(graceUntil), ...(key.previousHash ? { earlierGraceEnded: key.previousStart } : {}) },
  }));
