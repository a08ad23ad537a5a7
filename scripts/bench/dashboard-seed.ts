// The dashboard benchmark's data, made inside PostgreSQL with INSERT … SELECT generate_series:
// request rows spread evenly over 30 days (a fixed mix of outcomes, latencies skewed low,
// keys skewed so the top keys differ), then the rollups and sources built from those rows by
// the same SQL the migration uses, a day at a time.
import type postgres from "postgres";

const DAY = 86_400_000;

// By g % 100: 84% 200, then 201, 304, 404 ×4, 500, 502, rate_limited ×3, quota ×2, key off, expired, 200.
const OUTCOME = `case
  when g % 100 < 84 or g % 100 = 99 then 200 when g % 100 = 84 then 201 when g % 100 = 85 then 304
  when g % 100 < 90 then 404 when g % 100 = 90 then 500 when g % 100 = 91 then 502
  when g % 100 < 97 then 429 when g % 100 = 97 then 403 else 401 end`;
const REFUSAL = `case when g % 100 between 92 and 94 then 'rate_limited' when g % 100 between 95 and 96 then 'quota_exceeded'
  when g % 100 = 97 then 'key_disabled' when g % 100 = 98 then 'key_expired' end`;

/** `rows` requests for the keys (owner of each alongside), newest at `end`, over `days` days; `skew` > 1 favours the first keys. */
export async function seedRequests(
  sql: postgres.Sql,
  keys: { id: string; ownerId: string }[],
  rows: number,
  end: Date,
  days: number,
  skew: number,
): Promise<void> {
  const chunk = 1_000_000;
  for (let from = 1; from <= rows; from += chunk) {
    const to = Math.min(rows, from + chunk - 1);
    await sql`
      insert into gateway_requests (owner_id, key_id, method, path, status, latency_ms, client_ip, refusal, user_agent, created_at)
      select (${keys.map((k) => k.ownerId)}::uuid[])[pick.i], (${keys.map((k) => k.id)}::uuid[])[pick.i],
        case when g % 10 = 0 then 'POST' else 'GET' end,
        '/api/gateway/' || (array['whoami', 'orders', 'users', 'search', 'invoices'])[1 + g % 5] || '/' || (g % 997),
        ${sql.unsafe(OUTCOME)}, floor(power(((hashint4(g::int + 7) & 2147483647) / 2147483647.0), 3) * 900)::int,
        '10.' || (g % 50) || '.' || (g % 13) || '.' || (g % 7), ${sql.unsafe(REFUSAL)},
        (array['curl/8.5.0', 'python-requests/2.32.3', 'Go-http-client/2.0', 'okhttp/4.12.0'])[1 + g % 4],
        ${end.toISOString()}::timestamptz - make_interval(secs => ${days * 86_400}::float8 * (g - 1) / ${rows})
      from generate_series(${from}::bigint, ${to}::bigint) as g
      cross join lateral (select 1 + least(${keys.length - 1}, floor(power((hashint4(g::int) & 2147483647) / 2147483647.0, ${skew}) * ${keys.length})::int) as i) as pick`;
  }
}

/** Rollups (hour and day; minutes for the last two days) and sources for [start, end), a day at a time. */
export async function buildRollups(sql: postgres.Sql, start: Date, end: Date): Promise<void> {
  for (let day = Math.floor(start.getTime() / DAY) * DAY; day < end.getTime(); day += DAY) {
    const [from, to] = [new Date(day).toISOString(), new Date(day + DAY).toISOString()];
    await sql`insert into request_rollups (owner_id, key_id, grain, bucket, outcome, requests, latency)
      select * from gatehouse_rollups_from_log(${from}, ${to}, array['hour', 'day'])`;
    await sql`insert into key_sources (key_id, owner_id, day, kind, value, first_seen, last_seen, requests)
      select r.key_id, r.owner_id, (r.created_at at time zone 'UTC')::date, s.kind, s.value, min(r.created_at), max(r.created_at), count(*)::int
      from gateway_requests r cross join lateral (values ('ip', r.client_ip), ('agent', r.user_agent)) as s(kind, value)
      where r.created_at >= ${from} and r.created_at < ${to} and s.value is not null
      group by 1, 2, 3, 4, 5`;
  }
  const minutesFrom = new Date(end.getTime() - 2 * DAY).toISOString();
  await sql`insert into request_rollups (owner_id, key_id, grain, bucket, outcome, requests, latency)
    select * from gatehouse_rollups_from_log(date_trunc('minute', ${minutesFrom}::timestamptz), ${end.toISOString()}, array['minute'])`;
}
