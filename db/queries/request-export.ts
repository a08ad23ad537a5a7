// The CSV export's read: the same filter as Transaction Monitoring, all matching rows of the
// owner's, newest first, through a postgres-js cursor, so a million rows stream through a
// few batches of memory instead of one array.
import { and, eq, sql } from "drizzle-orm";
import { db, sqlClient } from "@/db/client";
import { NEWEST_FIRST, requestConditions } from "@/db/queries/requests";
import { apiKeys, gatewayRequests } from "@/db/schema";
import type { RequestFilter } from "@/lib/validation";

export const EXPORT_COLUMNS = ["time", "key", "method", "path", "status", "outcome", "latency_ms", "client_ip", "user_agent", "secret_start"] as const;
export type ExportRow = Record<(typeof EXPORT_COLUMNS)[number], string | number | null>;

/** Batches of rows in EXPORT_COLUMNS order; stop early by returning from the iterator (the cursor closes). */
export function exportRequests(ownerId: string, filter: Omit<RequestFilter, "after" | "before">, batch = 2_000): AsyncIterable<ExportRow[]> {
  const query = db()
    .select({
      time: sql<string>`to_char(${gatewayRequests.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as("time"),
      key: sql<string>`${apiKeys.name}`.as("key"),
      method: sql<string>`${gatewayRequests.method}`.as("method"),
      path: sql<string>`${gatewayRequests.path}`.as("path"),
      status: sql<number>`${gatewayRequests.status}`.as("status"),
      outcome: sql<string>`gatehouse_request_outcome(${gatewayRequests.status}, ${gatewayRequests.refusal})`.as("outcome"),
      latencyMs: sql<number>`${gatewayRequests.latencyMs}`.as("latency_ms"),
      clientIp: sql<string>`${gatewayRequests.clientIp}`.as("client_ip"),
      userAgent: sql<string>`${gatewayRequests.userAgent}`.as("user_agent"),
      secretStart: sql<string>`${gatewayRequests.secretStart}`.as("secret_start"),
    })
    .from(gatewayRequests)
    .innerJoin(apiKeys, and(eq(apiKeys.id, gatewayRequests.keyId), eq(apiKeys.ownerId, ownerId)))
    .where(requestConditions(ownerId, filter))
    .orderBy(...NEWEST_FIRST);
  const { sql: text, params } = query.toSQL();
  return sqlClient()
    .unsafe(text, params as never[])
    .cursor(batch) as unknown as AsyncIterable<ExportRow[]>;
}
