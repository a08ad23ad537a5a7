import { sqlClient } from "../client";
import type { NewGatewayRequest } from "../schema";

export type LastUse = { keyId: string; at: Date };
export type RequestRow = Required<Omit<NewGatewayRequest, "id">>;

/**
 * One statement per flush: last-used times (never moved backwards, thanks to GREATEST)
 * and the request log. unnest() of arrays rather than a VALUES list keeps one prepared
 * statement for any batch size and stays clear of PostgreSQL's 65,535-parameter limit.
 * Log rows of keys deleted for good (their user was removed) are dropped by the join.
 */
export async function writeUsage(lastUses: LastUse[], rows: RequestRow[]): Promise<void> {
  const sql = sqlClient();
  const col = <T>(pick: (r: RequestRow) => T) => rows.map(pick);
  await sql`
    with touched as (
      update api_keys as k
      set last_used_at = greatest(k.last_used_at, v.at)
      from unnest(${sql.array(lastUses.map((u) => u.keyId))}::uuid[],
                  ${sql.array(lastUses.map((u) => u.at.toISOString()))}::timestamptz[]) as v(id, at)
      where k.id = v.id
      returning 1
    ), logged as (
      insert into gateway_requests (owner_id, key_id, method, path, status, latency_ms, client_ip, created_at)
      select r.owner_id, r.key_id, r.method, r.path, r.status, r.latency_ms, nullif(r.client_ip, ''), r.created_at
      from unnest(${sql.array(col((r) => r.ownerId))}::uuid[],
                  ${sql.array(col((r) => r.keyId))}::uuid[],
                  ${sql.array(col((r) => r.method))}::text[],
                  ${sql.array(col((r) => r.path))}::text[],
                  ${sql.array(col((r) => r.status))}::int2[],
                  ${sql.array(col((r) => r.latencyMs))}::int4[],
                  ${sql.array(col((r) => r.clientIp ?? ""))}::text[],
                  ${sql.array(col((r) => r.createdAt.toISOString()))}::timestamptz[])
        as r(owner_id, key_id, method, path, status, latency_ms, client_ip, created_at)
      join api_keys k on k.id = r.key_id
      returning 1
    )
    select (select count(*) from touched) as touched, (select count(*) from logged) as logged`;
}

/** Deletes request-log rows older than the retention window. */
export async function pruneRequests(retentionDays: number): Promise<number> {
  const sql = sqlClient();
  const result = await sql`delete from gateway_requests where created_at < now() - make_interval(days => ${retentionDays})`;
  return result.count;
}
