// What a key's page and the switch's impact preview read: from the rollups and the sources,
// plus one indexed row of the log for the last caller. Every read is scoped by the owner.
import { and, eq, gte, sql } from "drizzle-orm";
import { db, sqlClient } from "@/db/client";
import { NEWEST_FIRST } from "@/db/queries/requests";
import { ownKeysRollups } from "@/db/queries/traffic";
import { apiKeys, type GatewayRequest, gatewayRequests, type KeySource, requestRollups } from "@/db/schema";

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
    .orderBy(...NEWEST_FIRST)
    .limit(1);
  return row ?? null;
}

/** What switching the key off would stop: its calls in the last 24 hours (minute rollups) and the latest of them. */
export async function keyImpact(ownerId: string, keyId: string, now = new Date()): Promise<KeyImpact> {
  const since = new Date(now.getTime() - 24 * 3600_000);
  const [{ calls }] = await db()
    .select({ calls: sql<number>`coalesce(sum(${requestRollups.requests}), 0)::int` })
    .from(requestRollups)
    .innerJoin(apiKeys, ownKeysRollups(ownerId))
    .where(
      and(
        eq(requestRollups.keyId, keyId),
        eq(requestRollups.grain, "minute"),
        gte(requestRollups.bucket, sql`date_trunc('minute', ${since.toISOString()}::timestamptz)`),
      ),
    );
  return { calls, last: calls > 0 ? await lastCaller(ownerId, keyId, since) : null };
}

/**
 * The key's client IPs and user agents seen in the last `days` days (the SOURCES_SHOWN of each
 * kind seen most recently), with its requests in those days and the last time it was seen;
 * its first sighting is looked up over everything kept (so one first seen weeks ago is not
 * "new"), for the shown ones only, by the (key, kind, value) index. And how many there were.
 */
export async function keySourcesSince(
  ownerId: string,
  keyId: string,
  days: number,
  now = new Date(),
): Promise<{ sources: SourceSummary[]; distinct: Record<"ip" | "agent", number> }> {
  const from = new Date(now.getTime() - days * 86_400_000);
  const rows = await sqlClient()<{ kind: "ip" | "agent"; value: string; firstSeen: string; lastSeen: string; requests: number; distinct: number }[]>`
    with recent as (
      select kind, value, max(last_seen) as last_seen, sum(requests)::int as requests,
             row_number() over (partition by kind order by max(last_seen) desc, value) as rank,
             (count(*) over (partition by kind))::int as distinct
      from key_sources
      where key_id = ${keyId} and owner_id = ${ownerId} and day >= ${from.toISOString().slice(0, 10)}::date
      group by kind, value
      having max(last_seen) >= ${from.toISOString()}::timestamptz
    )
    select r.kind, r.value, r.requests, r.distinct,
           to_json(r.last_seen)#>>'{}' as "lastSeen",
           to_json((select min(s.first_seen) from key_sources s where s.key_id = ${keyId} and s.kind = r.kind and s.value = r.value))#>>'{}' as "firstSeen"
    from recent r
    where r.rank <= ${SOURCES_SHOWN}
    order by r.kind, r.last_seen desc, r.value`;
  const distinct = { ip: 0, agent: 0 };
  for (const r of rows) distinct[r.kind] = r.distinct;
  return {
    sources: rows.map((r) => ({ kind: r.kind, value: r.value, requests: r.requests, firstSeen: new Date(r.firstSeen), lastSeen: new Date(r.lastSeen) })),
    distinct,
  };
}
