import { sqlClient } from "@/db/client";
import type { NewGatewayRequest } from "@/db/schema";
import { rollUp } from "@/lib/request-log/rollup";

export type LastUse = { keyId: string; at: Date };
type Optional = "refusal" | "userAgent" | "secretStart";
/** What the gateway knows of a request; refusal, user agent and secret start may be missing. */
export type RequestRow = Required<Omit<NewGatewayRequest, "id" | Optional>> & Pick<NewGatewayRequest, Optional>;

/**
 * One statement per flush: last-used times (never moved backwards, thanks to GREATEST), the
 * request log, the rollups (per minute, hour and day, per key and outcome, added to what is
 * there) and the keys' sources. Each batch travels as one JSON parameter unpacked by
 * jsonb_to_recordset: one prepared statement for any batch size, clear of PostgreSQL's
 * 65,535-parameter limit. Rows of keys deleted for good (their user was removed) are dropped
 * by the joins rather than failing the batch. Rollup and source rows are upserted in one
 * fixed order, so two instances flushing at once lock them in the same order.
 */
export async function writeUsage(lastUses: LastUse[], rows: RequestRow[]): Promise<void> {
  const sql = sqlClient();
  const { rollups, sources } = rollUp(rows);
  const uses = JSON.stringify(lastUses.map((u) => ({ id: u.keyId, at: u.at.toISOString() })));
  const log = JSON.stringify(
    rows.map((r) => ({
      owner_id: r.ownerId,
      key_id: r.keyId,
      method: r.method,
      path: r.path,
      status: r.status,
      latency_ms: r.latencyMs,
      client_ip: r.clientIp,
      refusal: r.refusal ?? null,
      user_agent: r.userAgent?.slice(0, 256) ?? null,
      secret_start: r.secretStart ?? null,
      created_at: r.createdAt.toISOString(),
    })),
  );
  const rolled = JSON.stringify(
    rollups.map((p) => ({
      owner_id: p.ownerId,
      key_id: p.keyId,
      grain: p.grain,
      bucket: p.bucket,
      outcome: p.outcome,
      requests: p.requests,
      latency: p.latency,
    })),
  );
  const seen = JSON.stringify(
    sources.map((s) => ({
      key_id: s.keyId,
      owner_id: s.ownerId,
      day: s.day,
      kind: s.kind,
      value: s.value.slice(0, 256),
      first_seen: s.firstSeen,
      last_seen: s.lastSeen,
      requests: s.requests,
    })),
  );
  await sql`
    with touched as (
      update api_keys as k
      set last_used_at = greatest(k.last_used_at, v.at)
      from jsonb_to_recordset(${uses}::jsonb) as v(id uuid, at timestamptz)
      where k.id = v.id
      returning 1
    ), logged as (
      insert into gateway_requests (owner_id, key_id, method, path, status, latency_ms, client_ip, refusal, user_agent, secret_start, created_at)
      select r.owner_id, r.key_id, r.method, r.path, r.status, r.latency_ms, r.client_ip, r.refusal, r.user_agent, r.secret_start, r.created_at
      from jsonb_to_recordset(${log}::jsonb)
        as r(owner_id uuid, key_id uuid, method varchar(16), path varchar(2048), status int2, latency_ms int4, client_ip varchar(64),
             refusal varchar(32), user_agent varchar(256), secret_start varchar(32), created_at timestamptz)
      join api_keys k on k.id = r.key_id
      returning 1
    ), rolled as (
      insert into request_rollups as t (owner_id, key_id, grain, bucket, outcome, requests, latency)
      select r.owner_id, r.key_id, r.grain, r.bucket, r.outcome, r.requests, r.latency
      from jsonb_to_recordset(${rolled}::jsonb)
        as r(owner_id uuid, key_id uuid, grain varchar(8), bucket timestamptz, outcome varchar(32), requests int4, latency int4[])
      where exists (select 1 from api_keys k where k.id = r.key_id)
         or (r.key_id is null and exists (select 1 from users u where u.id = r.owner_id))
      order by r.owner_id, r.grain, r.bucket, r.key_id nulls first, r.outcome
      on conflict (owner_id, grain, bucket, key_id, outcome) do update
        set requests = t.requests + excluded.requests,
            latency = (select array_agg(a + b order by i) from unnest(t.latency, excluded.latency) with ordinality as u(a, b, i))
      returning 1
    ), sourced as (
      insert into key_sources as s (key_id, owner_id, day, kind, value, first_seen, last_seen, requests)
      select r.key_id, r.owner_id, r.day, r.kind, r.value, r.first_seen, r.last_seen, r.requests
      from jsonb_to_recordset(${seen}::jsonb)
        as r(key_id uuid, owner_id uuid, day date, kind varchar(8), value varchar(256), first_seen timestamptz, last_seen timestamptz, requests int4)
      join api_keys k on k.id = r.key_id
      order by r.key_id, r.day, r.kind, r.value
      on conflict (key_id, day, kind, value) do update
        set first_seen = least(s.first_seen, excluded.first_seen),
            last_seen = greatest(s.last_seen, excluded.last_seen),
            requests = s.requests + excluded.requests
      returning 1
    )
    select (select count(*) from touched) as touched, (select count(*) from logged) as logged,
           (select count(*) from rolled) as rolled, (select count(*) from sourced) as sourced`;
}
