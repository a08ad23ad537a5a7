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
const CLASSES = ["0xx", "1xx", "2xx", "3xx", "4xx", "5xx"];

export function outcomeOf(status: number, refusal: string | null | undefined): string {
  return refusal ?? CLASSES[Math.floor(status / 100)] ?? `${Math.floor(status / 100)}xx`;
}

/** The start of the minute, hour or day (UTC) the moment falls in. */
export function bucketStart(grain: RollupGrain, at: Date): Date {
  const size = GRAIN_MS[grain];
  return new Date(Math.floor(at.getTime() / size) * size);
}

type Point = { ownerId: string; keyId: string; minute: number; outcome: string; requests: number; latency: number[] };
type Seen = { keyId: string; ownerId: string; day: number; kind: "ip" | "agent"; value: string; first: number; last: number; requests: number };
// Nested by key id (the cached key's own string, whose hash V8 keeps), then by number or a
// short string: no composite key string is built and hashed per request.
type Nest<K1, K2, V> = Map<string, Map<K1, Map<K2, V>>>;

/** The innermost map for a key id and a first key, made on first use. */
function inner<K1, K2, V>(nest: Nest<K1, K2, V>, keyId: string, k1: K1): Map<K2, V> {
  let byK1 = nest.get(keyId);
  if (!byK1) {
    byK1 = new Map();
    nest.set(keyId, byK1);
  }
  let byK2 = byK1.get(k1);
  if (!byK2) {
    byK2 = new Map();
    byK1.set(k1, byK2);
  }
  return byK2;
}

function* leaves<K1, K2, V>(nest: Nest<K1, K2, V>): Generator<V> {
  for (const byK1 of nest.values()) for (const byK2 of byK1.values()) yield* byK2.values();
}

export class Rollup {
  private points: Nest<number, string, Point> = new Map(); // key → minute → outcome
  private ips: Nest<number, string, Seen> = new Map(); // key → day → address
  private agents: Nest<number, string, Seen> = new Map(); // key → day → user agent

  add(row: Row): void {
    const ms = row.createdAt.getTime();
    const point = this.point(row.ownerId, row.keyId, Math.floor(ms / 60_000), outcomeOf(row.status, row.refusal));
    point.requests++;
    point.latency[latencyBucket(row.latencyMs)]++;
    const day = Math.floor(ms / 86_400_000);
    if (row.clientIp) widen(this.sighting(row.ownerId, row.keyId, day, "ip", row.clientIp), ms, ms, 1);
    if (row.userAgent) widen(this.sighting(row.ownerId, row.keyId, day, "agent", row.userAgent), ms, ms, 1);
  }

  private point(ownerId: string, keyId: string, minute: number, outcome: string): Point {
    const byOutcome = inner(this.points, keyId, minute);
    let point = byOutcome.get(outcome);
    if (!point) {
      point = { ownerId, keyId, minute, outcome, requests: 0, latency: new Array<number>(LATENCY_BUCKETS).fill(0) };
      byOutcome.set(outcome, point);
    }
    return point;
  }

  private sighting(ownerId: string, keyId: string, day: number, kind: "ip" | "agent", value: string): Seen {
    const byValue = inner(kind === "ip" ? this.ips : this.agents, keyId, day);
    let seen = byValue.get(value);
    if (!seen) {
      seen = { keyId, ownerId, day, kind, value, first: Number.POSITIVE_INFINITY, last: 0, requests: 0 };
      byValue.set(value, seen);
    }
    return seen;
  }

  /** What was gathered since the last drain, as rollup rows of every grain; the rollup starts empty again. */
  drain(): Drained {
    const rollups = new Map<string, RollupDelta>();
    for (const p of leaves(this.points)) {
      for (const grain of GRAINS) {
        const bucket = new Date(Math.floor((p.minute * 60_000) / GRAIN_MS[grain]) * GRAIN_MS[grain]).toISOString();
        for (const keyId of [p.keyId, null])
          addTo(rollups, { ownerId: p.ownerId, keyId, grain, bucket, outcome: p.outcome, requests: p.requests, latency: p.latency });
      }
    }
    const sources = [...leaves(this.ips), ...leaves(this.agents)].map((s) => ({
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
    this.ips = new Map();
    this.agents = new Map();
    return { rollups: [...rollups.values()], sources };
  }

  /** A flush that failed gives its rows back, to go with the next one (the minute rows carry it all). */
  restore({ rollups, sources }: Drained): void {
    for (const r of rollups) {
      if (r.grain !== "minute" || r.keyId === null) continue;
      const point = this.point(r.ownerId, r.keyId, Date.parse(r.bucket) / 60_000, r.outcome);
      point.requests += r.requests;
      for (let i = 0; i < LATENCY_BUCKETS; i++) point.latency[i] += r.latency[i];
    }
    for (const s of sources)
      widen(this.sighting(s.ownerId, s.keyId, Date.parse(s.day) / 86_400_000, s.kind, s.value), Date.parse(s.firstSeen), Date.parse(s.lastSeen), s.requests);
  }
}

function widen(seen: Seen, first: number, last: number, requests: number): void {
  if (first < seen.first) seen.first = first;
  if (last > seen.last) seen.last = last;
  seen.requests += requests;
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
