import { sqlClient } from "@/db/client";
import type { NewGatewayRequest } from "@/db/schema";
import type { RollupDelta, SourceDelta } from "@/lib/request-log/rollup";
import type { LogBatch } from "@/lib/request-log/row-buffer";

/** Last uses of a key in a flush: of either secret (at), and of each one (a rolled key's grace needs both). */
export type LastUse = { keyId: string; at: Date; currentAt: Date | null; previousAt: Date | null };
/** Requests admitted in a flush, per account and month: the quota's `used` count. */
export type AccountUse = { ownerId: string; period: string; requests: number };
type Optional = "refusal" | "userAgent" | "secretStart";
/** What the gateway knows of a request; refusal, user agent and secret start may be missing. */
export type RequestRow = Required<Omit<NewGatewayRequest, "id" | Optional>> & Pick<NewGatewayRequest, Optional>;
export type UsageBatch = { lastUses: LastUse[]; log: LogBatch; rollups: RollupDelta[]; sources: SourceDelta[]; accounts: AccountUse[] };

/** A column of numbers as PostgreSQL's array text: {1,2,3}. */
const arrayText = (column: Int32Array | Float64Array) => `{${column.join(",")}}`;

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * One statement per flush: last-used times (never moved backwards, thanks to GREATEST, which
 * also skips nulls), the accounts' quota use, the request log, the rollups (per minute, hour
 * and day, per key and outcome, added to what is there) and the keys' sources. Each batch
 * travels as JSON or array parameters: one prepared statement for any batch size, clear of
 * PostgreSQL's 65,535-parameter limit. The log's rows travel as columns of numbers (arrays
 * zipped by unnest) with each distinct text once (lib/request-log/row-buffer.ts) and go in as
 * they are (no join, no foreign keys: measured at 2.3× cheaper per row than jsonb with a join
 * and foreign keys); rollups and sources of keys deleted for good (their user was removed)
 * are dropped by their joins rather than failing the batch. Rollup and
 * source rows are upserted in one fixed order, so two instances flushing at once lock them in
 * the same order.
 */
export async function writeUsage(batch: UsageBatch): Promise<void> {
  const sql = sqlClient();
  const uses = JSON.stringify(batch.lastUses.map((u) => ({ id: u.keyId, at: iso(u.at), current_at: iso(u.currentAt), previous_at: iso(u.previousAt) })));
  const accounts = JSON.stringify(batch.accounts.map((a) => ({ owner_id: a.ownerId, period: a.period, requests: a.requests })));
  const { numbers: n, texts: t, at } = batch.log;
  const rolled = JSON.stringify(
    batch.rollups.map((p) => ({
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
    batch.sources.map((s) => ({
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
      set last_used_at = greatest(k.last_used_at, v.at),
          current_used_at = greatest(k.current_used_at, v.current_at),
          previous_used_at = greatest(k.previous_used_at, v.previous_at)
      from jsonb_to_recordset(${uses}::jsonb) as v(id uuid, at timestamptz, current_at timestamptz, previous_at timestamptz)
      where k.id = v.id
      returning 1
    ), counted as (
      insert into account_usage as u (owner_id, period, used)
      select a.owner_id, a.period, a.requests
      from jsonb_to_recordset(${accounts}::jsonb) as a(owner_id uuid, period date, requests int8)
      where exists (select 1 from users x where x.id = a.owner_id)
      order by a.owner_id, a.period
      on conflict (owner_id, period) do update set used = u.used + excluded.used
      returning 1
    ), texts as materialized (
      -- Each distinct text of the flush once, as jsonb arrays (index 0 is null): the rows
      -- below pick theirs by position, which jsonb finds without walking the array.
      select ${JSON.stringify(t.key)}::jsonb as key, ${JSON.stringify(t.owner)}::jsonb as owner, ${JSON.stringify(t.secret)}::jsonb as secret,
             ${JSON.stringify(t.method)}::jsonb as method, ${JSON.stringify(t.path)}::jsonb as path, ${JSON.stringify(t.ip)}::jsonb as ip,
             ${JSON.stringify(t.refusal)}::jsonb as refusal, ${JSON.stringify(t.agent)}::jsonb as agent
    ), logged as (
      insert into gateway_requests (owner_id, key_id, method, path, status, latency_ms, client_ip, refusal, user_agent, secret_start, created_at)
      select (d.owner ->> r.owner)::uuid, (d.key ->> r.key)::uuid, d.method ->> r.method, d.path ->> r.path, r.status, r.latency,
             d.ip ->> r.ip, d.refusal ->> r.refusal, d.agent ->> r.agent, d.secret ->> r.secret, to_timestamp(r.at / 1000.0)
      from texts d,
        unnest(${arrayText(n.key)}::int4[], ${arrayText(n.owner)}::int4[], ${arrayText(n.secret)}::int4[], ${arrayText(n.method)}::int4[],
               ${arrayText(n.path)}::int4[], ${arrayText(n.status)}::int4[], ${arrayText(n.latency)}::int4[], ${arrayText(n.ip)}::int4[],
               ${arrayText(n.refusal)}::int4[], ${arrayText(n.agent)}::int4[], ${arrayText(at)}::float8[])
          as r(key, owner, secret, method, path, status, latency, ip, refusal, agent, at)
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
    select (select count(*) from touched) as touched, (select count(*) from counted) as counted, (select count(*) from logged) as logged,
           (select count(*) from rolled) as rolled, (select count(*) from sourced) as sourced`;
}
