// The key list, a page at a time: search by name, filter by status, sort by creation or last
// use, keyset pages both ways (a cursor is the edge row's sort value and id; no OFFSET, so
// the 400th page of 10,000 keys costs what the first does).
import { and, asc, desc, eq, gt, ilike, isNotNull, isNull, lt, lte, or, type SQL, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { type KeyListItem, listColumns, live } from "@/db/queries/keys";
import { apiKeys } from "@/db/schema";

export const KEY_PAGE_SIZE = 25;
export type KeyStatusFilter = "active" | "off" | "expired";
export type KeySort = "created" | "last_used";
export type KeyListQuery = { q?: string; status?: KeyStatusFilter; sort?: KeySort; after?: string; before?: string; limit?: number };
export type KeyPage = { keys: KeyListItem[]; next: string | null; previous: string | null };
// The time travels as PostgreSQL's own text, to the microsecond: a JavaScript Date keeps
// milliseconds only, and a cursor rounded so would skip or repeat rows at page edges.
type Cursor = { at: string | null; id: string };

const encode = (at: string | null, id: string) => Buffer.from(`${at ?? ""}|${id}`).toString("base64url");
function decode(cursor: string | undefined): Cursor | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  if ((at && !/^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(at)) || !/^[0-9a-f-]{36}$/.test(id ?? "")) return null;
  return { at: at || null, id };
}
const exact = (column: typeof apiKeys.createdAt | typeof apiKeys.lastUsedAt) =>
  sql<string | null>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function statusFilter(status: KeyStatusFilter | undefined, now: Date): SQL | undefined {
  const unexpired = or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now));
  if (status === "active") return and(eq(apiKeys.active, true), unexpired);
  if (status === "off") return eq(apiKeys.active, false);
  if (status === "expired") return lte(apiKeys.expiresAt, now);
  return undefined;
}

/** Rows past the cursor in the list's order ("after"), or before it ("before"). */
function beyond(sort: KeySort, c: Cursor, direction: "after" | "before"): SQL | undefined {
  const [cmp, tie] = direction === "after" ? [lt, lt] : [gt, gt];
  const at = sql`${c.at ?? "1970-01-01T00:00:00Z"}::timestamptz`;
  if (sort === "created") return or(cmp(apiKeys.createdAt, at), and(eq(apiKeys.createdAt, at), tie(apiKeys.id, c.id)));
  // last used, newest first, never-used keys last
  if (c.at === null) {
    return direction === "after"
      ? and(isNull(apiKeys.lastUsedAt), lt(apiKeys.id, c.id))
      : or(isNotNull(apiKeys.lastUsedAt), and(isNull(apiKeys.lastUsedAt), gt(apiKeys.id, c.id)));
  }
  const sameTime = and(eq(apiKeys.lastUsedAt, at), tie(apiKeys.id, c.id));
  return direction === "after" ? or(lt(apiKeys.lastUsedAt, at), sameTime, isNull(apiKeys.lastUsedAt)) : or(gt(apiKeys.lastUsedAt, at), sameTime);
}

function order(sort: KeySort, reversed: boolean) {
  if (sort === "created") return reversed ? [asc(apiKeys.createdAt), asc(apiKeys.id)] : [desc(apiKeys.createdAt), desc(apiKeys.id)];
  return reversed ? [sql`${apiKeys.lastUsedAt} asc nulls first`, asc(apiKeys.id)] : [sql`${apiKeys.lastUsedAt} desc nulls last`, desc(apiKeys.id)];
}

const escapeLike = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listKeysPage(ownerId: string, query: KeyListQuery = {}, now = new Date()): Promise<KeyPage> {
  const sort = query.sort ?? "created";
  const limit = query.limit ?? KEY_PAGE_SIZE;
  const before = decode(query.before);
  const after = before ? null : decode(query.after);
  const rows = await db()
    .select({ ...listColumns, cursorAt: exact(sort === "created" ? apiKeys.createdAt : apiKeys.lastUsedAt) })
    .from(apiKeys)
    .where(
      and(
        live(ownerId),
        query.q ? ilike(apiKeys.name, `%${escapeLike(query.q)}%`) : undefined,
        statusFilter(query.status, now),
        after ? beyond(sort, after, "after") : before ? beyond(sort, before, "before") : undefined,
      ),
    )
    .orderBy(...order(sort, Boolean(before)))
    .limit(limit + 1);
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (before) page.reverse();
  const edge = (k: (typeof page)[number] | undefined) => (k ? encode(k.cursorAt, k.id) : null);
  const keys: KeyListItem[] = page.map(({ cursorAt: _, ...key }) => key);
  return {
    keys,
    next: (before ? true : more) ? edge(page.at(-1)) : null,
    previous: (before ? more : Boolean(after)) ? edge(page[0]) : null,
  };
}
