import { and, asc, count, desc, eq, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { isUniqueViolation } from "@/db/queries/errors";
import { type ApiKey, apiKeys, type Plan, plans, users } from "@/db/schema";

export type KeyListItem = Pick<ApiKey, "id" | "name" | "description" | "start" | "active" | "rateLimitPerMinute" | "createdAt" | "lastUsedAt">;
export type KeyForGateway = Pick<ApiKey, "id" | "ownerId" | "name" | "active" | "createdAt" | "lastUsedAt">;
export type NewKeyRow = Pick<ApiKey, "name" | "description" | "hash" | "start">;
export type KeyDetails = Pick<ApiKey, "name" | "description">;
/** Undefined: the plan's default. Null: unlimited (only where the plan has no maximum). */
export type RequestedRate = number | null | undefined;
export type KeyWriteRefusal = { ok: false; reason: "name_taken" } | { ok: false; reason: "limit" | "rate"; plan: Plan } | { ok: false; reason: "not_found" };
export type InsertKeyResult = { ok: true; key: KeyListItem } | KeyWriteRefusal;

const listColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  description: apiKeys.description,
  start: apiKeys.start,
  active: apiKeys.active,
  rateLimitPerMinute: apiKeys.rateLimitPerMinute,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
};
const live = (ownerId: string) => and(eq(apiKeys.ownerId, ownerId), isNull(apiKeys.deletedAt));
const liveKey = (ownerId: string, id: string) => and(eq(apiKeys.id, id), live(ownerId));

/** Newest first, as the list shows them. */
export async function listKeys(ownerId: string): Promise<KeyListItem[]> {
  return db().select(listColumns).from(apiKeys).where(live(ownerId)).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

export async function countLiveKeys(ownerId: string): Promise<number> {
  const [{ n }] = await db().select({ n: count() }).from(apiKeys).where(live(ownerId));
  return n;
}

/** Every key the user has had, deleted ones too, for filtering the request log. */
export async function listKeyNames(ownerId: string): Promise<Pick<ApiKey, "id" | "name" | "deletedAt">[]> {
  return db()
    .select({ id: apiKeys.id, name: apiKeys.name, deletedAt: apiKeys.deletedAt })
    .from(apiKeys)
    .where(eq(apiKeys.ownerId, ownerId))
    .orderBy(asc(apiKeys.name));
}

type Tx = Parameters<Parameters<ReturnType<typeof db>["transaction"]>[0]>[0];

/**
 * The owner's plan, with the owner's row locked until the transaction ends: creates, edits
 * and plan switches of one account queue here, so a count or a maximum read now still holds
 * when the write lands (parallel creates cannot pass the key cap).
 */
async function lockedPlan(tx: Tx, ownerId: string): Promise<Plan | null> {
  const [row] = await tx
    .select({ plan: plans })
    .from(users)
    .innerJoin(plans, eq(plans.id, users.planId))
    .where(eq(users.id, ownerId))
    .for("update", { of: users });
  return row?.plan ?? null;
}

/** The rate a key gets: the plan's default when none is asked for; null if over the plan's maximum. */
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

export async function insertKey(ownerId: string, row: NewKeyRow, requestedRate?: RequestedRate): Promise<InsertKeyResult> {
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
      return { ok: true, key };
    }),
  );
}

/** Name, description and rate limit of a live key of the owner's. */
export async function updateKeyDetails(ownerId: string, id: string, details: KeyDetails, requestedRate: RequestedRate): Promise<InsertKeyResult> {
  return refusingTakenNames(() =>
    db().transaction(async (tx): Promise<InsertKeyResult> => {
      const plan = await lockedPlan(tx, ownerId);
      if (!plan) return { ok: false, reason: "not_found" };
      const rate = rateFor(plan, requestedRate);
      if (!rate.ok) return { ok: false, reason: "rate", plan };
      const [key] = await tx
        .update(apiKeys)
        .set({ ...details, rateLimitPerMinute: rate.rate })
        .where(liveKey(ownerId, id))
        .returning(listColumns);
      return key ? { ok: true, key } : { ok: false, reason: "not_found" };
    }),
  );
}

/** Null when the key is not the owner's (or is deleted): the caller says "not found". */
export async function updateKeyActive(ownerId: string, id: string, active: boolean): Promise<Pick<ApiKey, "id" | "hash" | "active"> | null> {
  const [row] = await db()
    .update(apiKeys)
    .set({ active })
    .where(liveKey(ownerId, id))
    .returning({ id: apiKeys.id, hash: apiKeys.hash, active: apiKeys.active });
  return row ?? null;
}

export async function markKeyDeleted(ownerId: string, id: string): Promise<Pick<ApiKey, "id" | "hash" | "name"> | null> {
  const [row] = await db()
    .update(apiKeys)
    .set({ deletedAt: new Date(), active: false })
    .where(liveKey(ownerId, id))
    .returning({ id: apiKeys.id, hash: apiKeys.hash, name: apiKeys.name });
  return row ?? null;
}

/** The gateway's one lookup: by the unique hash index. Deleted keys count as unknown. */
export async function findKeyByHash(hash: string): Promise<KeyForGateway | null> {
  const [row] = await db()
    .select({
      id: apiKeys.id,
      ownerId: apiKeys.ownerId,
      name: apiKeys.name,
      active: apiKeys.active,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
    })
    .from(apiKeys)
    .where(and(eq(apiKeys.hash, hash), isNull(apiKeys.deletedAt)));
  return row ?? null;
}
