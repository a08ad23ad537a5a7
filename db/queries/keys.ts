import { and, asc, count, desc, eq, isNull, or, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { type ApiKey, apiKeys, type Plan, plans, users } from "@/db/schema";

export type KeyListItem = Pick<
  ApiKey,
  "id" | "name" | "description" | "start" | "active" | "rateLimitPerMinute" | "expiresAt" | "graceUntil" | "previousStart" | "createdAt" | "lastUsedAt"
>;
/**
 * What the gateway needs of a key, by the hash presented: which of its secrets that is (the
 * current one, or the one before a roll, until `graceUntil`), its limits and its expiry.
 */
export type KeyForGateway = Pick<ApiKey, "id" | "ownerId" | "name" | "active" | "createdAt" | "lastUsedAt" | "rateLimitPerMinute" | "expiresAt"> & {
  monthlyQuota: number | null;
  secret: "current" | "previous";
  secretStart: string;
  graceUntil: Date | null;
};
export type NewKeyRow = Pick<ApiKey, "name" | "description" | "hash" | "start">;
export type KeyDetails = Pick<ApiKey, "name" | "description">;
/** Undefined: the plan's default. Null: unlimited (only where the plan has no maximum). */
export type RequestedRate = number | null | undefined;
export type KeyWriteRefusal = { ok: false; reason: "name_taken" } | { ok: false; reason: "limit" | "rate"; plan: Plan } | { ok: false; reason: "not_found" };
export type InsertKeyResult = { ok: true; key: KeyListItem } | KeyWriteRefusal;

export const listColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  description: apiKeys.description,
  start: apiKeys.start,
  active: apiKeys.active,
  rateLimitPerMinute: apiKeys.rateLimitPerMinute,
  expiresAt: apiKeys.expiresAt,
  graceUntil: apiKeys.graceUntil,
  previousStart: apiKeys.previousStart,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
};
export const live = (ownerId: string) => and(eq(apiKeys.ownerId, ownerId), isNull(apiKeys.deletedAt));
export const liveKey = (ownerId: string, id: string) => and(eq(apiKeys.id, id), live(ownerId));

/** Newest first, as the list shows them. */
export async function listKeys(ownerId: string): Promise<KeyListItem[]> {
  return db().select(listColumns).from(apiKeys).where(live(ownerId)).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

export async function countLiveKeys(ownerId: string): Promise<number> {
  const [{ n }] = await db().select({ n: count() }).from(apiKeys).where(live(ownerId));
  return n;
}

export type KeyDetailsView = KeyListItem & Pick<ApiKey, "rolledAt" | "currentUsedAt" | "previousUsedAt">;

/** One live key of the owner's, with its roll state; null for anyone else's. */
export async function findKeyForOwner(ownerId: string, id: string): Promise<KeyDetailsView | null> {
  const [key] = await db()
    .select({ ...listColumns, rolledAt: apiKeys.rolledAt, currentUsedAt: apiKeys.currentUsedAt, previousUsedAt: apiKeys.previousUsedAt })
    .from(apiKeys)
    .where(liveKey(ownerId, id));
  return key ?? null;
}

/** Every key the user has had, deleted ones too, for filtering the request log. */
export async function listKeyNames(ownerId: string): Promise<Pick<ApiKey, "id" | "name" | "deletedAt">[]> {
  return db()
    .select({ id: apiKeys.id, name: apiKeys.name, deletedAt: apiKeys.deletedAt })
    .from(apiKeys)
    .where(eq(apiKeys.ownerId, ownerId))
    .orderBy(asc(apiKeys.name));
}

/** The gateway's one lookup: by either secret's unique hash index, with the plan's quota. Deleted keys count as unknown. */
export async function findKeyByHash(hash: string): Promise<KeyForGateway | null> {
  const [row] = await db()
    .select({
      id: apiKeys.id,
      ownerId: apiKeys.ownerId,
      name: apiKeys.name,
      active: apiKeys.active,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      rateLimitPerMinute: apiKeys.rateLimitPerMinute,
      expiresAt: apiKeys.expiresAt,
      monthlyQuota: plans.monthlyQuota,
      secret: sql<"current" | "previous">`case when ${apiKeys.hash} = ${hash} then 'current' else 'previous' end`,
      secretStart: sql<string>`case when ${apiKeys.hash} = ${hash} then ${apiKeys.start} else ${apiKeys.previousStart} end`,
      graceUntil: sql<Date | null>`case when ${apiKeys.hash} = ${hash} then null else ${apiKeys.graceUntil} end`.mapWith(apiKeys.graceUntil),
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.ownerId))
    .innerJoin(plans, eq(plans.id, users.planId))
    .where(and(or(eq(apiKeys.hash, hash), eq(apiKeys.previousHash, hash)), isNull(apiKeys.deletedAt)));
  return row ?? null;
}
