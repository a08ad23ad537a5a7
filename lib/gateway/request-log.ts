// One row per gateway request whose key is known, into the batched writer (usage.ts): which
// of the key's secrets was presented, and the gateway's refusal code when it said no.
import type { KeyForGateway } from "@/db/queries/keys";
import { dateAt, nowMs } from "@/lib/gateway/clock";
import type { RefusalCode } from "@/lib/gateway/refusals";
import { recordRequest } from "@/lib/gateway/usage";

export type LoggedRequest = { method: string; path: string; clientIp: string | null; userAgent: string | undefined; startedAt: number };

export function logRequest(request: LoggedRequest, key: KeyForGateway, status: number, refusal: RefusalCode | null = null, atMs = nowMs()): void {
  recordRequest({
    ownerId: key.ownerId,
    keyId: key.id,
    method: request.method.slice(0, 16),
    path: request.path.slice(0, 2048),
    status,
    latencyMs: Math.max(0, Math.round(performance.now() - request.startedAt)),
    clientIp: request.clientIp ? request.clientIp.slice(0, 64) : null,
    refusal,
    userAgent: request.userAgent ? request.userAgent.slice(0, 256) : null,
    secretStart: key.secretStart,
    createdAt: dateAt(atMs),
  });
}
