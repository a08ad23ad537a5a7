// One row per gateway request whose key is known, into the batched writer (usage.ts).
import type { KeyForGateway } from "@/db/queries/keys";
import { dateAt, nowMs } from "@/lib/gateway/clock";
import { recordRequest } from "@/lib/gateway/usage";

export type LoggedRequest = { method: string; path: string; clientIp: string | null; startedAt: number };

export function logRequest(request: LoggedRequest, key: KeyForGateway, status: number, atMs = nowMs()): void {
  recordRequest({
    ownerId: key.ownerId,
    keyId: key.id,
    method: request.method.slice(0, 16),
    path: request.path.slice(0, 2048),
    status,
    latencyMs: Math.max(0, Math.round(performance.now() - request.startedAt)),
    clientIp: request.clientIp ? request.clientIp.slice(0, 64) : null,
    createdAt: dateAt(atMs),
  });
}
