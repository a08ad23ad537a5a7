// What one flush adds to the rollups and to the keys' sources, gathered as requests are
// recorded (so the writer's buffer keeps each row only as its JSON text): the batched writer
// sends it in the same statement as the rows. Nothing here outlives the flush, so the server
// holds no per-key state for it.
// On the hot path a request costs one Map entry per key, minute and outcome (and one per
// source); the hour, day and account totals are derived from those at the flush.
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
export type Drained = { rollups: RollupDelta[]; sources: SourceDelta[] };

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

type Point = { ownerId: string; keyId: string; minute: number; outcome: string; requests: number; latency: number[] };
type Seen = { keyId: string; ownerId: string; day: number; kind: "ip" | "agent"; value: string; first: number; last: number; requests: number };

export class Rollup {
  private points = new Map<string, Point>();
  private seen = new Map<string, Seen>();

  add(row: Row): void {
    const ms = row.createdAt.getTime();
    const minute = Math.floor(ms / 60_000);
    const outcome = outcomeOf(row.status, row.refusal);
    const id = `${row.keyId}|${minute}|${outcome}`;
    let point = this.points.get(id);
    if (!point) {
      point = { ownerId: row.ownerId, keyId: row.keyId, minute, outcome, requests: 0, latency: new Array<number>(LATENCY_BUCKETS).fill(0) };
      this.points.set(id, point);
    }
    point.requests++;
    point.latency[latencyBucket(row.latencyMs)]++;
    const day = Math.floor(ms / 86_400_000);
    if (row.clientIp) this.see(row, day, "ip", row.clientIp, ms);
    if (row.userAgent) this.see(row, day, "agent", row.userAgent, ms);
  }

  private see(row: Row, day: number, kind: "ip" | "agent", value: string, ms: number): void {
    const id = `${row.keyId}|${day}|${kind}|${value}`;
    const seen = this.seen.get(id);
    if (!seen) this.seen.set(id, { keyId: row.keyId, ownerId: row.ownerId, day, kind, value, first: ms, last: ms, requests: 1 });
    else {
      if (ms < seen.first) seen.first = ms;
      if (ms > seen.last) seen.last = ms;
      seen.requests++;
    }
  }

  /** What was gathered since the last drain, as rollup rows of every grain; the rollup starts empty again. */
  drain(): Drained {
    const rollups = new Map<string, RollupDelta>();
    for (const p of this.points.values()) {
      for (const grain of GRAINS) {
        const bucket = new Date(Math.floor((p.minute * 60_000) / GRAIN_MS[grain]) * GRAIN_MS[grain]).toISOString();
        for (const keyId of [p.keyId, null])
          addTo(rollups, { ownerId: p.ownerId, keyId, grain, bucket, outcome: p.outcome, requests: p.requests, latency: p.latency });
      }
    }
    const sources = [...this.seen.values()].map((s) => ({
      keyId: s.keyId,
      ownerId: s.ownerId,
      day: new Date(s.day * 86_400_000).toISOString().slice(0, 10),
      kind: s.kind,
      value: s.value,
      firstSeen: new Date(s.first).toISOString(),
      lastSeen: new Date(s.last).toISOString(),
      requests: s.requests,
    }));
    this.points = new Map();
    this.seen = new Map();
    return { rollups: [...rollups.values()], sources };
  }

  /** A flush that failed gives its rows back, to go with the next one (the minute rows carry it all). */
  restore({ rollups, sources }: Drained): void {
    for (const r of rollups) {
      if (r.grain !== "minute" || r.keyId === null) continue;
      const minute = Date.parse(r.bucket) / 60_000;
      const id = `${r.keyId}|${minute}|${r.outcome}`;
      const point = this.points.get(id);
      if (!point) this.points.set(id, { ownerId: r.ownerId, keyId: r.keyId, minute, outcome: r.outcome, requests: r.requests, latency: [...r.latency] });
      else {
        point.requests += r.requests;
        for (let i = 0; i < LATENCY_BUCKETS; i++) point.latency[i] += r.latency[i];
      }
    }
    for (const s of sources) {
      const day = Date.parse(s.day) / 86_400_000;
      const [first, last] = [Date.parse(s.firstSeen), Date.parse(s.lastSeen)];
      const id = `${s.keyId}|${day}|${s.kind}|${s.value}`;
      const seen = this.seen.get(id);
      if (!seen) this.seen.set(id, { keyId: s.keyId, ownerId: s.ownerId, day, kind: s.kind, value: s.value, first, last, requests: s.requests });
      else {
        seen.first = Math.min(seen.first, first);
        seen.last = Math.max(seen.last, last);
        seen.requests += s.requests;
      }
    }
  }
}

function addTo(rollups: Map<string, RollupDelta>, delta: RollupDelta): void {
  const id = `${delta.ownerId}|${delta.keyId}|${delta.grain}|${delta.bucket}|${delta.outcome}`;
  const point = rollups.get(id);
  if (!point) return void rollups.set(id, { ...delta, latency: [...delta.latency] });
  point.requests += delta.requests;
  for (let i = 0; i < LATENCY_BUCKETS; i++) point.latency[i] += delta.latency[i];
}

/** The deltas of a set of rows at once (tests, and the migration's check against the log). */
export function rollUp(rows: readonly Row[]): Drained {
  const rollup = new Rollup();
  for (const row of rows) rollup.add(row);
  return rollup.drain();
}
