// The request log's upkeep: day partitions made ahead and dropped whole at the end of the
// retention, through the SQL functions of the migration that made the log partitioned.
import { sqlClient } from "@/db/client";

/** How long the per-minute rollups are kept: they serve the last hour and the last day's counts. */
export const MINUTE_ROLLUP_HOURS = 48;

/** Makes the partitions for every day in [from, to] (YYYY-MM-DD, UTC) that is missing, one statement each. */
export async function ensureRequestPartitions(from: string, to: string): Promise<number> {
  const sql = sqlClient();
  let made = 0;
  for (let day = new Date(`${from}T00:00:00Z`); day.toISOString().slice(0, 10) <= to; day = new Date(day.getTime() + 86_400_000)) {
    const [{ created }] = await sql`select gatehouse_request_log_add_partition(${day.toISOString().slice(0, 10)}::date) as created`;
    if (created) made++;
  }
  return made;
}

/** Drops the partitions of days before `day` (and deletes such rows from the default partition). */
export async function dropRequestPartitionsBefore(day: string): Promise<number> {
  const [{ dropped }] = await sqlClient()`select gatehouse_request_log_drop_before(${day}::date) as dropped`;
  return dropped;
}

/** The day partitions that exist, oldest first (YYYY-MM-DD). */
export async function listRequestPartitions(): Promise<string[]> {
  const rows = await sqlClient()`
    select to_char(to_date(right(c.relname, 8), 'YYYYMMDD'), 'YYYY-MM-DD') as day
    from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'gateway_requests'::regclass and c.relname ~ '^gateway_requests_[0-9]{8}$'
    order by 1`;
  return rows.map((r) => r.day as string);
}

/** Rollups and sources past their keep: minutes after MINUTE_ROLLUP_HOURS, the rest with the log. */
export async function pruneRollups(retentionDays: number): Promise<number> {
  const sql = sqlClient();
  const minutes = await sql`delete from request_rollups where grain = 'minute' and bucket < now() - make_interval(hours => ${MINUTE_ROLLUP_HOURS})`;
  const coarse = await sql`delete from request_rollups where grain in ('hour', 'day') and bucket < now() - make_interval(days => ${retentionDays + 1})`;
  const sources = await sql`delete from key_sources where day < (now() at time zone 'UTC')::date - ${retentionDays}::int`;
  return minutes.count + coarse.count + sources.count;
}
