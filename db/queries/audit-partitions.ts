// The audit log's monthly partitions: made a few months ahead, and dropped whole once they
// are past retention (a DROP, not a DELETE: the append-only trigger has nothing to allow).
import { sqlClient } from "@/db/client";

const monthStart = (year: number, month: number) => new Date(Date.UTC(year, month, 1));
const nameOf = (start: Date) => `audit_log_${start.getUTCFullYear()}_${String(start.getUTCMonth() + 1).padStart(2, "0")}`;

export async function ensureAuditPartitions(now: Date, monthsAhead: number): Promise<void> {
  const sql = sqlClient();
  for (let i = 0; i <= monthsAhead; i++) {
    const start = monthStart(now.getUTCFullYear(), now.getUTCMonth() + i);
    const end = monthStart(start.getUTCFullYear(), start.getUTCMonth() + 1);
    await sql.unsafe(
      `CREATE TABLE IF NOT EXISTS ${nameOf(start)} PARTITION OF audit_log FOR VALUES FROM ('${start.toISOString()}') TO ('${end.toISOString()}')`,
    );
  }
}

/** Drops the months that ended by `cutoff` (every entry in them is older); returns their names. */
export async function dropAuditPartitionsBefore(cutoff: Date): Promise<string[]> {
  const sql = sqlClient();
  const partitions = await sql<{ name: string }[]>`
    select c.relname as name from pg_inherits i
    join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
    where p.relname = 'audit_log' and c.relname ~ '^audit_log_[0-9]{4}_[0-9]{2}$'`;
  const dropped: string[] = [];
  for (const { name } of partitions) {
    const [, year, month] = /^audit_log_(\d{4})_(\d{2})$/.exec(name) ?? [];
    if (monthStart(Number(year), Number(month)) <= cutoff) {
      // month is 1-based: this is the month's end
      await sql.unsafe(`DROP TABLE IF EXISTS ${name}`);
      dropped.push(name);
    }
  }
  return dropped;
}
