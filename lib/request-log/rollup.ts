// What one flush adds to the rollups and to the keys' sources, computed from that flush's
// request rows in memory: the batched writer sends it in the same statement as the rows.
// Nothing here outlives the flush, so the server holds no per-key state for it.
import type { NewGatewayRequest, RollupGrain } from "@/db/schema";
import { LATENCY_BUCKETS, latencyBucket } from "@/lib/request-log/latency-buckets";

type Row = Pick<NewGatewayRequest, "ownerId" | "keyId" | "status" | "latencyMs" | "clientIp" | "userAgent" | "refusal"> & { createdAt: Date };

/** keyId null: the account's total over all its keys. Times travel as ISO text. */
export type RollupDelta = { ownerId: string; keyId: string | null; grain: RollupGrain; bucket: string; outcome: string; requests: number; latency: number[] };
export type SourceDelta = {
  keyId: string;
  ownerId: string;
  day: string;
  kind: "ip" | "agent";
  value: string;
  firstSeen: string;
  lastSeen: string;
  requests: number;
};

const GRAIN_MS: Record<RollupGrain, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
export const GRAINS = Object.keys(GRAIN_MS) as RollupGrain[];

/** "2xx" … "5xx" for a request that went through, else the gateway's refusal code. */
export function outcomeOf(status: number, refusal: string | null | undefined): string {
  return refusal ?? `${Math.floor(status / 100)}xx`;
}

/** The start of the minute, hour or day (UTC) the moment falls in. */
export function bucketStart(grain: RollupGrain, at: Date): Date {
  const size = GRAIN_MS[grain];
  return new Date(Math.floor(at.getTime() / size) * size);
}

export function rollUp(rows: readonly Row[]): { rollups: RollupDelta[]; sources: SourceDelta[] } {
  const rollups = new Map<string, RollupDelta>();
  const sources = new Map<string, SourceDelta>();
  for (const row of rows) {
    const outcome = outcomeOf(row.status, row.refusal);
    const lb = latencyBucket(row.latencyMs);
    for (const grain of GRAINS) {
      const bucket = bucketStart(grain, row.createdAt).toISOString();
      for (const keyId of [row.keyId, null]) {
        const id = `${row.ownerId}|${keyId}|${grain}|${bucket}|${outcome}`;
        let point = rollups.get(id);
        if (!point) {
          point = { ownerId: row.ownerId, keyId, grain, bucket, outcome, requests: 0, latency: new Array(LATENCY_BUCKETS).fill(0) };
          rollups.set(id, point);
        }
        point.requests++;
        point.latency[lb]++;
      }
    }
    const at = row.createdAt.toISOString();
    const day = at.slice(0, 10);
    for (const [kind, value] of [
      ["ip", row.clientIp],
      ["agent", row.userAgent],
    ] as const) {
      if (!value) continue;
      const id = `${row.keyId}|${day}|${kind}|${value}`;
      const seen = sources.get(id);
      if (!seen) sources.set(id, { keyId: row.keyId, ownerId: row.ownerId, day, kind, value, firstSeen: at, lastSeen: at, requests: 1 });
      else {
        if (at < seen.firstSeen) seen.firstSeen = at;
        if (at > seen.lastSeen) seen.lastSeen = at;
        seen.requests++;
      }
    }
  }
  return { rollups: [...rollups.values()], sources: [...sources.values()] };
}
