// What a key's page and the switch's impact preview read: from the rollups and the sources,
// plus one indexed row of the log for the last caller. Every read is scoped by the owner.
import { and, desc, eq, gte, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { type GatewayRequest, gatewayRequests, type KeySource, keySources, requestRollups } from "@/db/schema";

export type LastCaller = Pick<GatewayRequest, "createdAt" | "clientIp" | "userAgent">;
export type SourceSummary = Pick<KeySource, "kind" | "value" | "firstSeen" | "lastSeen" | "requests">;
export type KeyImpact = { calls: number; last: LastCaller | null };

const SOURCES_SHOWN = 20;

/** The key's latest request, refused or not; the (key, created_at) index reads one row per partition at most. */
export async function lastCaller(ownerId: string, keyId: string, since?: Date): Promise<LastCaller | null> {
  const [row] = await db()
    .select({ createdAt: gatewayRequests.createdAt, clientIp: gatewayRequests.clientIp, userAgent: gatewayRequests.userAgent })
    .from(gatewayRequests)
    .where(and(eq(gatewayRequests.keyId, keyId), eq(gatewayRequests.ownerId, ownerId), since ? gte(gatewayRequests.createdAt, since) : undefined))
    .orderBy(desc(gatewayRequests.createdAt), desc(gatewayRequests.id))
    .limit(1);
  return row ?? null;
}

/** What switching the key off would stop: its calls in the last 24 hours (minute rollups) and the latest of them. */
export async function keyImpact(ownerId: string, keyId: string, now = new Date()): Promise<KeyImpact> {
  const since = new Date(now.getTime() - 24 * 3600_000);
  const [{ calls }] = await db()
    .select({ calls: sql<number>`coalesce(sum(${requestRollups.requests}), 0)::int` })
    .from(requestRollups)
    .where(
      and(
        eq(requestRollups.ownerId, ownerId),
        eq(requestRollups.keyId, keyId),
        eq(requestRollups.grain, "minute"),
        gte(requestRollups.bucket, sql`date_trunc('minute', ${since.toISOString()}::timestamptz)`),
      ),
    );
  return { calls, last: calls > 0 ? await lastCaller(ownerId, keyId, since) : null };
}

/**
 * The key's client IPs and user agents seen in the last `days` days (each the SOURCES_SHOWN
 * seen most recently), with the first time each was seen in everything kept (so one seen
 * long ago is not "new"), the last time, and its requests in the window; and how many there
 * were in all.
 */
export async function keySourcesSince(
  ownerId: string,
  keyId: string,
  days: number,
  now = new Date(),
): Promise<{ sources: SourceSummary[]; distinct: Record<"ip" | "agent", number> }> {
  const from = new Date(now.getTime() - days * 86_400_000);
  const fromDay = from.toISOString().slice(0, 10);
  const grouped = db()
    .select({
      kind: keySources.kind,
      value: keySources.value,
      firstSeen: sql<Date>`min(${keySources.firstSeen})`.mapWith(keySources.firstSeen).as("first_seen"),
      lastSeen: sql<Date>`max(${keySources.lastSeen})`.mapWith(keySources.lastSeen).as("last_seen"),
      requests: sql<number>`coalesce(sum(${keySources.requests}) filter (where ${keySources.day} >= ${fromDay}::date), 0)::int`.as("requests"),
      rank: sql<number>`row_number() over (partition by ${keySources.kind} order by max(${keySources.lastSeen}) desc)`.as("rank"),
      distinct: sql<number>`(count(*) over (partition by ${keySources.kind}))::int`.as("distinct"),
    })
    .from(keySources)
    .where(and(eq(keySources.keyId, keyId), eq(keySources.ownerId, ownerId)))
    .groupBy(keySources.kind, keySources.value)
    .having(sql`max(${keySources.lastSeen}) >= ${from.toISOString()}::timestamptz`)
    .as("grouped");
  const rows = await db().select().from(grouped).where(sql`${grouped.rank} <= ${SOURCES_SHOWN}`).orderBy(grouped.kind, desc(grouped.lastSeen));
  const distinct = { ip: 0, agent: 0 };
  for (const r of rows) distinct[r.kind] = r.distinct;
  return { sources: rows.map(({ rank: _, distinct: __, ...s }) => s), distinct };
}
