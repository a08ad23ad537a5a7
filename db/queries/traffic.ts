// Reads of the rollups (request_rollups), every one scoped by the owner. The account's
// charts read its total rows (key_id null): one row per point and outcome, whatever the
// number of keys.
import { and, desc, eq, gte, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { type ApiKey, apiKeys, type RequestRollup, type RollupGrain, requestRollups } from "@/db/schema";

export type RollupRow = Pick<RequestRollup, "bucket" | "outcome" | "requests" | "latency">;
export type TopKey = Pick<ApiKey, "id" | "name" | "deletedAt"> & { requests: number; succeeded: number };
export type KeyBuckets = { keyId: string; bucket: Date; requests: number };

const pointColumns = { bucket: requestRollups.bucket, outcome: requestRollups.outcome, requests: requestRollups.requests, latency: requestRollups.latency };
const SUCCEEDED = sql<number>`coalesce(sum(${requestRollups.requests}) filter (where ${requestRollups.outcome} in ('2xx', '3xx')), 0)::int`;

/** The account's totals (all keys) per bucket and outcome since `from`. */
export async function accountRollups(ownerId: string, grain: RollupGrain, from: Date): Promise<RollupRow[]> {
  return db()
    .select(pointColumns)
    .from(requestRollups)
    .where(and(eq(requestRollups.ownerId, ownerId), eq(requestRollups.grain, grain), gte(requestRollups.bucket, from), isNull(requestRollups.keyId)));
}

/**
 * Rollup rows of keys the owner has: scoped through the key's owner rather than the row's
 * owner_id, so that PostgreSQL walks the (key_id, grain, bucket) index; given owner_id too, it
 * walked the owner's rows of every key and filtered (85 ms against 20 ms for a busy key).
 */
export const ownKeysRollups = (ownerId: string) => and(eq(apiKeys.id, requestRollups.keyId), eq(apiKeys.ownerId, ownerId));

/** One key's rollups per bucket and outcome since `from`. */
export async function keyRollups(ownerId: string, keyId: string, grain: RollupGrain, from: Date): Promise<RollupRow[]> {
  return db()
    .select(pointColumns)
    .from(requestRollups)
    .innerJoin(apiKeys, ownKeysRollups(ownerId))
    .where(and(eq(requestRollups.keyId, keyId), eq(requestRollups.grain, grain), gte(requestRollups.bucket, from)));
}

/** The owner's busiest keys since `from` (deleted ones too: their traffic happened), with per-bucket counts for sparklines. */
export async function topKeys(ownerId: string, grain: RollupGrain, from: Date, limit = 5): Promise<{ keys: TopKey[]; buckets: KeyBuckets[] }> {
  const inRange = and(eq(requestRollups.ownerId, ownerId), eq(requestRollups.grain, grain), gte(requestRollups.bucket, from), isNotNull(requestRollups.keyId));
  const totals = db()
    .select({
      keyId: sql<string>`${requestRollups.keyId}`.as("key_id"),
      requests: sql<number>`sum(${requestRollups.requests})::int`.as("requests"),
      succeeded: SUCCEEDED.as("succeeded"),
    })
    .from(requestRollups)
    .where(inRange)
    .groupBy(requestRollups.keyId)
    .as("totals");
  const keys = await db()
    .select({ id: apiKeys.id, name: apiKeys.name, deletedAt: apiKeys.deletedAt, requests: totals.requests, succeeded: totals.succeeded })
    .from(totals)
    .innerJoin(apiKeys, and(eq(apiKeys.id, totals.keyId), eq(apiKeys.ownerId, ownerId)))
    .orderBy(desc(totals.requests), apiKeys.name)
    .limit(limit);
  if (keys.length === 0) return { keys, buckets: [] };
  const buckets = await db()
    .select({ keyId: sql<string>`${requestRollups.keyId}`, bucket: requestRollups.bucket, requests: sql<number>`sum(${requestRollups.requests})::int` })
    .from(requestRollups)
    .innerJoin(apiKeys, ownKeysRollups(ownerId))
    .where(
      and(
        inArray(
          requestRollups.keyId,
          keys.map((k) => k.id),
        ),
        eq(requestRollups.grain, grain),
        gte(requestRollups.bucket, from),
      ),
    )
    .groupBy(requestRollups.keyId, requestRollups.bucket);
  return { keys, buckets };
}

/** Whether the account has any traffic in the rollups' keep (for the Dashboard's empty state). */
export async function hasTraffic(ownerId: string): Promise<boolean> {
  const [row] = await db()
    .select({ one: sql<number>`1` })
    .from(requestRollups)
    .where(and(eq(requestRollups.ownerId, ownerId), eq(requestRollups.grain, "day"), isNull(requestRollups.keyId)))
    .limit(1);
  return Boolean(row);
}
