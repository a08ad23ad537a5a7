import { describe, expect, it } from "vitest";
import { bucketRange, LATENCY_BOUNDS, LATENCY_BUCKETS, latencyBucket } from "@/lib/request-log/latency-buckets";
import { emptyHistogram, percentile } from "@/lib/request-log/percentiles";
import { bucketStart, outcomeOf, rollUp } from "@/lib/request-log/rollup";

const nearestRank = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.max(1, Math.ceil(p * values.length)) - 1];

describe("latency buckets", () => {
  it("put every latency in the bucket whose range holds it", () => {
    for (let ms = 0; ms < 70_000; ms += ms < 100 ? 1 : 37) {
      const [from, to] = bucketRange(latencyBucket(ms));
      expect(ms >= from && ms < to, `${ms} in [${from}, ${to})`).toBe(true);
    }
    expect(latencyBucket(0)).toBe(0);
    expect(latencyBucket(1)).toBe(1);
    expect(latencyBucket(60_000)).toBe(LATENCY_BOUNDS.length);
    expect(LATENCY_BUCKETS).toBe(LATENCY_BOUNDS.length + 1);
  });
});

describe("percentiles from a histogram", () => {
  it("are within the width of the bucket that holds the exact percentile", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 50; round++) {
      const values = Array.from({ length: 1 + Math.floor(random() * 2_000) }, () => Math.floor(random() ** 3 * 3_000));
      const histogram = emptyHistogram();
      for (const v of values) histogram[latencyBucket(v)]++;
      for (const p of [0.5, 0.95, 0.99]) {
        const exact = nearestRank(values, p);
        const [from, to] = bucketRange(latencyBucket(exact));
        const estimate = percentile(histogram, p) ?? Number.NaN;
        expect(estimate, `p${p * 100} of ${values.length} values: exact ${exact}`).toBeGreaterThanOrEqual(from);
        expect(estimate).toBeLessThan(to);
      }
    }
  });

  it("is null without requests", () => {
    expect(percentile(emptyHistogram(), 0.5)).toBeNull();
  });
});

describe("a flush's rollup", () => {
  const owner = "00000000-0000-4000-8000-000000000001";
  const [a, b] = ["00000000-0000-4000-8000-00000000000a", "00000000-0000-4000-8000-00000000000b"];
  const at = (iso: string) => new Date(iso);
  const row = (keyId: string, createdAt: Date, status = 200, refusal: string | null = null, latencyMs = 4, clientIp = "203.0.113.9", userAgent = "curl/8") => ({
    ownerId: owner,
    keyId,
    status,
    refusal,
    latencyMs,
    clientIp,
    userAgent,
    createdAt,
  });

  it("names outcomes by status class, or by refusal code", () => {
    expect(outcomeOf(204, null)).toBe("2xx");
    expect(outcomeOf(404, null)).toBe("4xx");
    expect(outcomeOf(429, "rate_limited")).toBe("rate_limited");
  });

  it("truncates to the minute, hour and day in UTC", () => {
    const t = at("2030-05-06T07:08:09.123Z");
    expect(bucketStart("minute", t).toISOString()).toBe("2030-05-06T07:08:00.000Z");
    expect(bucketStart("hour", t).toISOString()).toBe("2030-05-06T07:00:00.000Z");
    expect(bucketStart("day", t).toISOString()).toBe("2030-05-06T00:00:00.000Z");
  });

  it("counts per key and in total, per grain and outcome, with the latency histogram", () => {
    const rows = [
      row(a, at("2030-05-06T07:08:01Z"), 200, null, 3),
      row(a, at("2030-05-06T07:08:59Z"), 200, null, 120),
      row(b, at("2030-05-06T07:09:00Z"), 429, "rate_limited", 0),
      row(b, at("2030-05-06T07:09:30Z"), 200, null, 3, "198.51.100.7"),
    ];
    const { rollups, sources } = rollUp(rows);
    const find = (keyId: string | null, grain: string, outcome: string, bucket?: string) =>
      rollups.filter((r) => r.keyId === keyId && r.grain === grain && r.outcome === outcome && (!bucket || r.bucket === bucket));
    const [aMinute] = find(a, "minute", "2xx");
    expect(aMinute.requests).toBe(2);
    expect(aMinute.latency[latencyBucket(3)]).toBe(1);
    expect(aMinute.latency[latencyBucket(120)]).toBe(1);
    expect(find(null, "hour", "2xx")[0].requests).toBe(3);
    expect(find(null, "day", "rate_limited")[0].requests).toBe(1);
    expect(find(null, "minute", "2xx").map((r) => r.requests)).toEqual([2, 1]);
    expect(rollups.every((r) => r.latency.reduce((x, y) => x + y, 0) === r.requests)).toBe(true);
    const ips = sources.filter((s) => s.kind === "ip" && s.keyId === b);
    expect(ips.map((s) => [s.value, s.requests]).sort()).toEqual([
      ["198.51.100.7", 1],
      ["203.0.113.9", 1],
    ]);
    const agentOfA = sources.find((s) => s.kind === "agent" && s.keyId === a);
    expect(agentOfA).toMatchObject({ value: "curl/8", requests: 2, firstSeen: "2030-05-06T07:08:01.000Z", lastSeen: "2030-05-06T07:08:59.000Z" });
  });
});
