import { and, asc, count, desc, eq, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { isUniqueViolation } from "@/db/queries/errors";
import { type ApiKey, apiKeys } from "@/db/schema";

export const KEYS_PER_USER_MAX = 200;

export type KeyListItem = Pick<ApiKey, "id" | "name" | "description" | "start" | "active" | "createdAt" | "lastUsedAt">;
export type KeyForGateway = Pick<ApiKey, "id" | "ownerId" | "name" | "active" | "createdAt" | "lastUsedAt">;
export type NewKeyRow = Pick<ApiKey, "name" | "description" | "hash" | "start">;
export type InsertKeyResult = { ok: true; key: KeyListItem } | { ok: false; reason: "name_taken" | "limit" };

const listColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  description: apiKeys.description,
  start: apiKeys.start,
  active: apiKeys.active,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
};
const live = (ownerId: string) => and(eq(apiKeys.ownerId, ownerId), isNull(apiKeys.deletedAt));
const liveKey = (ownerId: string, id: string) => and(eq(apiKeys.id, id), live(ownerId));

/** Newest first, as the list shows them. */
export async function listKeys(ownerId: string): Promise<KeyListItem[]> {
  return db().select(listColumns).from(apiKeys).where(live(ownerId)).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

/** Every key the user has had, deleted ones too, for filtering the request log. */
export async function listKeyNames(ownerId: string): Promise<Pick<ApiKey, "id" | "name" | "deletedAt">[]> {
  return db()
    .select({ id: apiKeys.id, name: apiKeys.name, deletedAt: apiKeys.deletedAt })
    .from(apiKeys)
    .where(eq(apiKeys.ownerId, ownerId))
    .orderBy(asc(apiKeys.name));
}

export async function insertKey(ownerId: string, row: NewKeyRow): Promise<InsertKeyResult> {
  const [{ n }] = await db().select({ n: count() }).from(apiKeys).where(live(ownerId));
  if (n >= KEYS_PER_USER_MAX) return { ok: false, reason: "limit" };
  try {
    const [key] = await db()
      .insert(apiKeys)
      .values({ ...row, ownerId })
      .returning(listColumns);
    return { ok: true, key };
  } catch (error) {
    if (isUniqueViolation(error, "api_keys_owner_name_key")) return { ok: false, reason: "name_taken" };
    throw error;
  }
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
