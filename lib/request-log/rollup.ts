// What one flush adds to the rollups and to the keys' sources, gathered as requests are
// recorded (so the writer's buffer keeps each row only as its JSON text): the batched writer
// sends it in the same statement as the rows. Nothing here outlives the flush, so the server
// holds no per-key state for it.
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

export class Rollup {
  private rollups = new Map<string, RollupDelta>();
  private sources = new Map<string, SourceDelta>();

  add(row: Row): void {
    const outcome = outcomeOf(row.status, row.refusal);
    const lb = latencyBucket(row.latencyMs);
    for (const grain of GRAINS) {
      const bucket = bucketStart(grain, row.createdAt).toISOString();
      for (const keyId of [row.keyId, null]) this.count({ ownerId: row.ownerId, keyId, grain, bucket, outcome, requests: 1, latency: oneAt(lb) });
    }
    const at = row.createdAt.toISOString();
    const day = at.slice(0, 10);
    if (row.clientIp) this.see({ keyId: row.keyId, ownerId: row.ownerId, day, kind: "ip", value: row.clientIp, firstSeen: at, lastSeen: at, requests: 1 });
    if (row.userAgent) this.see({ keyId: row.keyId, ownerId: row.ownerId, day, kind: "agent", value: row.userAgent, firstSeen: at, lastSeen: at, requests: 1 });
  }

  private count(delta: RollupDelta): void {
    const id = `${delta.ownerId}|${delta.keyId}|${delta.grain}|${delta.bucket}|${delta.outcome}`;
    const point = this.rollups.get(id);
    if (!point) return void this.rollups.set(id, delta);
    point.requests += delta.requests;
    for (let i = 0; i < LATENCY_BUCKETS; i++) point.latency[i] += delta.latency[i];
  }

  private see(delta: SourceDelta): void {
    const id = `${delta.keyId}|${delta.day}|${delta.kind}|${delta.value}`;
    const seen = this.sources.get(id);
    if (!seen) return void this.sources.set(id, delta);
    if (delta.firstSeen < seen.firstSeen) seen.firstSeen = delta.firstSeen;
    if (delta.lastSeen > seen.lastSeen) seen.lastSeen = delta.lastSeen;
    seen.requests += delta.requests;
  }

  /** What was gathered since the last drain; the rollup starts empty again. */
  drain(): { rollups: RollupDelta[]; sources: SourceDelta[] } {
    const drained = { rollups: [...this.rollups.values()], sources: [...this.sources.values()] };
    this.rollups = new Map();
    this.sources = new Map();
    return drained;
  }

  /** A flush that failed gives its deltas back, to go with the next one. */
  restore({ rollups, sources }: { rollups: RollupDelta[]; sources: SourceDelta[] }): void {
    for (const delta of rollups) this.count(delta);
    for (const delta of sources) this.see(delta);
  }
}

function oneAt(bucket: number): number[] {
  const latency = new Array<number>(LATENCY_BUCKETS).fill(0);
  latency[bucket] = 1;
  return latency;
}

/** The deltas of a set of rows at once (tests, and the migration's check against the log). */
export function rollUp(rows: readonly Row[]): { rollups: RollupDelta[]; sources: SourceDelta[] } {
  const rollup = new Rollup();
  for (const row of rows) rollup.add(row);
  return rollup.drain();
}
