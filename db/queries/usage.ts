import { sqlClient } from "@/db/client";
import type { NewGatewayRequest } from "@/db/schema";

export type LastUse = { keyId: string; at: Date };
export type RequestRow = Required<Omit<NewGatewayRequest, "id">>;

/**
 * One request-log row, as the JSON object writeUsage unpacks. Made when the request ends, so
 * the writer's buffer holds one short string per row instead of an object graph for the
 * garbage collector to carry until the flush.
 */
export function requestRowJson(r: RequestRow): string {
  return JSON.stringify({
    owner_id: r.ownerId,
    key_id: r.keyId,
    method: r.method,
    path: r.path,
    status: r.status,
    latency_ms: r.latencyMs,
    client_ip: r.clientIp,
    created_at: r.createdAt.toISOString(),
  });
}

/**
 * One statement per flush: last-used times (never moved backwards, thanks to GREATEST)
 * and the request log. Each batch travels as one JSON parameter unpacked by
 * jsonb_to_recordset: one prepared statement for any batch size, clear of PostgreSQL's
 * 65,535-parameter limit. Log rows of keys deleted for good (their user was removed)
 * are dropped by the join rather than failing the batch.
 */
export async function writeUsage(lastUses: LastUse[], rows: readonly string[]): Promise<void> {
  const sql = sqlClient();
  const uses = JSON.stringify(lastUses.map((u) => ({ id: u.keyId, at: u.at.toISOString() })));
  const log = `[${rows.join(",")}]`; // each made by requestRowJson
  await sql`
    with touched as (
      update api_keys as k
      set last_used_at = greatest(k.last_used_at, v.at)
      from jsonb_to_recordset(${uses}::jsonb) as v(id uuid, at timestamptz)
      where k.id = v.id
      returning 1
    ), logged as (
      insert into gateway_requests (owner_id, key_id, method, path, status, latency_ms, client_ip, created_at)
      select r.owner_id, r.key_id, r.method, r.path, r.status, r.latency_ms, r.client_ip, r.created_at
      from jsonb_to_recordset(${log}::jsonb)
        as r(owner_id uuid, key_id uuid, method varchar(16), path varchar(2048), status int2, latency_ms int4, client_ip varchar(64), created_at timestamptz)
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
