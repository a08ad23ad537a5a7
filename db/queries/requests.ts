import { and, between, desc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { apiKeys, type GatewayRequest, gatewayRequests } from "@/db/schema";

export const REQUESTS_PAGE_SIZE = 25;
const STATUS_RANGES = { "2xx": [200, 299], "3xx": [300, 399], "4xx": [400, 499], "5xx": [500, 599] } as const;

export type RequestListItem = Pick<GatewayRequest, "id" | "createdAt" | "method" | "path" | "status" | "latencyMs" | "clientIp" | "keyId"> & {
  keyName: string;
};
export type RequestQuery = { keyId?: string; status?: keyof typeof STATUS_RANGES; page: number };

/** The owner's gateway requests, newest first, a page at a time (one extra row tells if there is a next page). */
export async function listRequests(ownerId: string, query: RequestQuery): Promise<{ rows: RequestListItem[]; hasMore: boolean }> {
  const range = query.status ? STATUS_RANGES[query.status] : undefined;
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
      keyName: apiKeys.name,
    })
    .from(gatewayRequests)
    .innerJoin(apiKeys, eq(apiKeys.id, gatewayRequests.keyId))
    .where(
      and(
        eq(gatewayRequests.ownerId, ownerId),
        query.keyId ? eq(gatewayRequests.keyId, query.keyId) : undefined,
        range ? between(gatewayRequests.status, range[0], range[1]) : undefined,
      ),
    )
    .orderBy(desc(gatewayRequests.createdAt), desc(gatewayRequests.id))
    .limit(REQUESTS_PAGE_SIZE + 1)
    .offset((query.page - 1) * REQUESTS_PAGE_SIZE);
  return { rows: rows.slice(0, REQUESTS_PAGE_SIZE), hasMore: rows.length > REQUESTS_PAGE_SIZE };
}
