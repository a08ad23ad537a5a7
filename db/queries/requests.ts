// Transaction Monitoring: the owner's request log, filtered, newest first, in keyset pages
// (a cursor is the edge row's time, as PostgreSQL's own text to the microsecond, and id: a
// JavaScript Date would round it to the millisecond and skip or repeat rows at page edges).
// The same filter feeds the CSV export (db/queries/request-export.ts).
import { and, asc, between, desc, eq, gte, isNotNull, like, lt, or, type SQL, sql } from "drizzle-orm";
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
export const exactTime = sql<string>`to_char(${gatewayRequests.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
/** "orders/1" is read as "/api/gateway/orders/1"; a full path is taken as it is. */
export const pathPrefix = (path: string) => (path.startsWith("/") ? path : `/api/gateway/${path}`);
const dayStart = (day: string, plusDays = 0) => new Date(Date.parse(`${day}T00:00:00Z`) + plusDays * 86_400_000).toISOString();

/** The filter as conditions on gateway_requests, always within the owner's rows. */
export function requestConditions(ownerId: string, filter: Omit<RequestFilter, "after" | "before">): SQL | undefined {
  const { status } = filter;
  return and(
    eq(gatewayRequests.ownerId, ownerId),
    filter.key ? eq(gatewayRequests.keyId, filter.key) : undefined,
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

export async function listRequestsPage(ownerId: string, filter: RequestFilter, limit = REQUESTS_PAGE_SIZE): Promise<RequestPage> {
  const before = decode(filter.before);
  const after = before ? null : decode(filter.after);
  const rows = await db()
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
    .where(and(requestConditions(ownerId, filter), after ? beyond(after, "after") : before ? beyond(before, "before") : undefined))
    .orderBy(...(before ? [asc(gatewayRequests.createdAt), asc(gatewayRequests.id)] : [desc(gatewayRequests.createdAt), desc(gatewayRequests.id)]))
    .limit(limit + 1);
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (before) page.reverse();
  const edge = (r: (typeof page)[number] | undefined) => (r ? encode(r.cursorAt, r.id) : null);
  return {
    rows: page.map(({ cursorAt: _, ...row }) => row),
    next: (before ? true : more) ? edge(page.at(-1)) : null,
    previous: (before ? more : Boolean(after)) ? edge(page[0]) : null,
  };
}
