import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import { db, type Tx } from "@/db/client";
import { type AuditEntry, auditLog, type NewAuditEntry } from "@/db/schema";

/** Who did it, from where: everything of an entry but what was done. */
export type AuditBase = Pick<NewAuditEntry, "ownerId" | "actor" | "ip" | "userAgent">;
export type AuditPage = { entries: AuditEntry[]; next: string | null };

/** The only write this table gets: an insert, in the same transaction as what it records. */
export async function appendAudit(tx: Tx | ReturnType<typeof db>, entries: NewAuditEntry | NewAuditEntry[]): Promise<void> {
  const rows = Array.isArray(entries) ? entries : [entries];
  if (rows.length) await tx.insert(auditLog).values(rows);
}

// A cursor is the last entry's time (PostgreSQL's text, to the microsecond) and id: keyset
// pages, newest first, without OFFSET.
const encode = (at: string, id: number) => Buffer.from(`${at}|${id}`).toString("base64url");
function decode(cursor: string | undefined): { at: string; id: number } | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  return /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(at ?? "") && /^\d+$/.test(id ?? "") ? { at, id: Number(id) } : null;
}

/** The owner's entries (or one key's), newest first, `limit` a page. */
export async function listAudit(ownerId: string, options: { keyId?: string; after?: string; limit?: number } = {}): Promise<AuditPage> {
  const limit = options.limit ?? 25;
  const from = decode(options.after);
  const rows = await db()
    .select({ entry: auditLog, cursorAt: sql<string>`to_char(${auditLog.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.ownerId, ownerId),
        options.keyId ? eq(auditLog.keyId, options.keyId) : undefined,
        from
          ? or(lt(auditLog.createdAt, sql`${from.at}::timestamptz`), and(eq(auditLog.createdAt, sql`${from.at}::timestamptz`), lt(auditLog.id, from.id)))
          : undefined,
      ),
    )
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { entries: page.map((r) => r.entry), next: rows.length > limit && last ? encode(last.cursorAt, last.entry.id) : null };
}
