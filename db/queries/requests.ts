// Transaction Monitoring: the owner's request log, filtered, newest first, in keyset pages
// (a cursor is the edge row's time, as PostgreSQL's own text to the microsecond, and id: a
// JavaScript Date would round it to the millisecond and skip or repeat rows at page edges).
// The same filter feeds the CSV export (db/queries/request-export.ts).
import { and, between, eq, gte, isNotNull, like, lt, or, type SQL, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { apiKeys, type GatewayRequest, gatewayRequests } from "@/db/schema";
import type { RequestFilter } from "@/lib/validation";

export const REQUESTS_PAGE_SIZE = 25;
const STATUS_RANGES = { "2xx": [200, 299], "3xx": [300, 399], "4xx": [400, 499], "5xx": [500, 599] } as const;

export type RequestListItem = Pick<
  GatewayRequest,
  "id" | "createdAt" | "method" | "path" | "status" | "latencyMs" | "clientIp" | "keyId" | "refusal" | "userAgent" | "secretStart"
> & { keyName: string };
export type RequestPage = { rows: RequestListItem[]; next: string | null; previous: string | null };

type Cursor = { at: string; id: number };
const encode = (at: string, id: number) => Buffer.from(`${at}|${id}`).toString("base64url");
function decode(cursor: string | undefined): Cursor | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  return /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(at ?? "") && /^\d+$/.test(id ?? "") ? { at, id: Number(id) } : null;
}
// In the indexes' own order: they are "DESC NULLS LAST" (drizzle's .desc()), and a plain
// DESC (NULLS FIRST) would not match them, so PostgreSQL would read and sort every match.
export const NEWEST_FIRST = [sql`${gatewayRequests.createdAt} desc nulls last`, sql`${gatewayRequests.id} desc nulls last`];
const OLDEST_FIRST = [sql`${gatewayRequests.createdAt} asc nulls first`, sql`${gatewayRequests.id} asc nulls first`];
export const exactTime = sql<string>`to_char(${gatewayRequests.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
/** "orders/1" is read as "/api/gateway/orders/1"; a full path is taken as it is. */
export const pathPrefix = (path: string) => (path.startsWith("/") ? path : `/api/gateway/${path}`);
const dayStart = (day: string, plusDays = 0) => new Date(Date.parse(`${day}T00:00:00Z`) + plusDays * 86_400_000).toISOString();

/**
 * The filter as conditions on gateway_requests joined with api_keys (the caller joins them),
 * always within the owner's rows: through the key's owner, and the row's own owner_id when no
 * key is named. With a key named, owner_id is left to the join so that PostgreSQL walks the
 * (key_id, created_at) index: given both, it walked the owner's index and filtered (0.7 s).
 */
export function requestConditions(ownerId: string, filter: Omit<RequestFilter, "after" | "before">): SQL | undefined {
  const { status } = filter;
  return and(
    eq(apiKeys.ownerId, ownerId),
    filter.key ? eq(gatewayRequests.keyId, filter.key) : eq(gatewayRequests.ownerId, ownerId),
    status === "refused"
      ? isNotNull(gatewayRequests.refusal)
      : status
        ? between(gatewayRequests.status, STATUS_RANGES[status][0], STATUS_RANGES[status][1])
        : undefined,
    filter.from ? gte(gatewayRequests.createdAt, sql`${dayStart(filter.from)}::timestamptz`) : undefined,
    filter.to ? lt(gatewayRequests.createdAt, sql`${dayStart(filter.to, 1)}::timestamptz`) : undefined,
    filter.path ? like(gatewayRequests.path, `${escapeLike(pathPrefix(filter.path))}%`) : undefined,
  );
}

function beyond(c: Cursor, direction: "after" | "before"): SQL | undefined {
  const cmp = direction === "after" ? lt : (a: typeof gatewayRequests.createdAt | typeof gatewayRequests.id, b: unknown) => sql`${a} > ${b}`;
  const at = sql`${c.at}::timestamptz`;
  return or(cmp(gatewayRequests.createdAt, at), and(eq(gatewayRequests.createdAt, at), cmp(gatewayRequests.id, c.id)));
}

// A page is read in widening windows of time, newest first (1, 4, 16, 64 days, then the
// rest), each a query that PostgreSQL prunes to those days' partitions. One query over
// every partition lets the planner fetch all of a filter's matches in 30 days and sort
// them (seconds, for a busy key); the first window usually fills the page.
const WINDOW_DAYS = [1, 4, 16, 64];
const DAY_MS = 86_400_000;

type Window = { from: string | null; to: string | null };

function windows(direction: "after" | "before", edge: number, bounds: { from: number | null; to: number | null }): Window[] {
  const out: Window[] = [];
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  let near = edge;
  for (const days of [...WINDOW_DAYS, Number.POSITIVE_INFINITY]) {
    const far = direction === "after" ? edge - days * DAY_MS : edge + days * DAY_MS;
    const limit = direction === "after" ? bounds.from : bounds.to;
    const beyondLimit = limit !== null && (direction === "after" ? far <= limit : far >= limit);
    const end = !Number.isFinite(far) || beyondLimit ? limit : far;
    out.push(direction === "after" ? { from: iso(end), to: iso(out.length ? near : bounds.to) } : { from: iso(out.length ? near : bounds.from), to: iso(end) });
    if (end === limit) break;
    near = far;
  }
  return out;
}

export async function listRequestsPage(ownerId: string, filter: RequestFilter, limit = REQUESTS_PAGE_SIZE, now = Date.now()): Promise<RequestPage> {
  const before = decode(filter.before);
  const after = before ? null : decode(filter.after);
  const direction = before ? "before" : "after";
  const bounds = {
    from: filter.from ? Date.parse(dayStart(filter.from)) : null,
    to: filter.to ? Date.parse(dayStart(filter.to, 1)) : null,
  };
  const cursor = before ?? after;
  // Rows may carry a time a little ahead of this clock (another instance's): the newest window has no upper end.
  const edge = cursor ? Date.parse(cursor.at) : (bounds.to ?? now);
  const rows: Awaited<ReturnType<typeof pageQuery>> = [];
  for (const w of windows(direction, edge, before ? bounds : { from: bounds.from, to: cursor ? null : bounds.to })) {
    rows.push(...(await pageQuery(ownerId, filter, w, cursor, direction, limit + 1 - rows.length)));
    if (rows.length > limit) break;
  }
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (before) page.reverse();
  const edgeOf = (r: (typeof page)[number] | undefined) => (r ? encode(r.cursorAt, r.id) : null);
  return {
    rows: page.map(({ cursorAt: _, ...row }) => row),
    next: (before ? true : more) ? edgeOf(page.at(-1)) : null,
    previous: (before ? more : Boolean(after)) ? edgeOf(page[0]) : null,
  };
}

function pageQuery(ownerId: string, filter: RequestFilter, w: Window, cursor: Cursor | null, direction: "after" | "before", limit: number) {
  return db()
    .select({
      id: gatewayRequests.id,
      createdAt: gatewayRequests.createdAt,
      method: gatewayRequests.method,
      path: gatewayRequests.path,
      status: gatewayRequests.status,
      latencyMs: gatewayRequests.latencyMs,
      clientIp: gatewayRequests.clientIp,
      keyId: gatewayRequests.keyId,
      refusal: gatewayRequests.refusal,
      userAgent: gatewayRequests.userAgent,
      secretStart: gatewayRequests.secretStart,
      keyName: apiKeys.name,
      cursorAt: exactTime,
    })
    .from(gatewayRequests)
    .innerJoin(apiKeys, eq(apiKeys.id, gatewayRequests.keyId))
    .where(
      and(
        requestConditions(ownerId, filter),
        w.from ? gte(gatewayRequests.createdAt, sql`${w.from}::timestamptz`) : undefined,
        w.to ? lt(gatewayRequests.createdAt, sql`${w.to}::timestamptz`) : undefined,
        cursor ? beyond(cursor, direction) : undefined,
      ),
    )
    .orderBy(...(direction === "before" ? OLDEST_FIRST : NEWEST_FIRST))
    .limit(limit);
}
