// What the Dashboard, a key's page, the impact preview, Transaction Monitoring and the export
// read, from known traffic: exact counts, percentiles within one bucket, and never another
// account's rows.
import { describe, expect, it } from "vitest";
import { keyImpact, keySourcesSince, lastCaller } from "@/db/queries/key-insight";
import { exportRequests } from "@/db/queries/request-export";
import { listRequestsPage } from "@/db/queries/requests";
import { accountRollups, keyRollups, topKeys } from "@/db/queries/traffic";
import { rangeWindow } from "@/lib/dashboard/ranges";
import { summarize } from "@/lib/dashboard/series";
import { bucketRange, latencyBucket } from "@/lib/request-log/latency-buckets";
import { createTestKey, createTestUser } from "@/tests/helpers/db";
import { exactPercentile, knownMix, writeTraffic } from "@/tests/helpers/traffic";

const HOUR = 3600_000;

async function collect<T>(batches: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const batch of batches) all.push(...batch);
  return all;
}

describe("traffic reads", () => {
  it("give exact counts per outcome, top keys and percentiles within one bucket, for the owner only", async () => {
    const user = await createTestUser("traffic");
    const other = await createTestUser("traffic-other");
    const busy = await createTestKey(user, "busy");
    const quiet = await createTestKey(user, "quiet");
    const othersKey = await createTestKey(other, "theirs");
    const calls = knownMix(busy.id, quiet.id);
    await writeTraffic(user.id, calls);
    await writeTraffic(other.id, knownMix(othersKey.id, othersKey.id).slice(0, 30));

    for (const range of ["1h", "24h", "7d", "30d"] as const) {
      const window = rangeWindow(range);
      const summary = summarize(await accountRollups(user.id, window.grain, window.from), window);
      expect(summary.total, range).toBe(92);
      expect(summary.byOutcome).toEqual({ "2xx": 60, "4xx": 10, "5xx": 5, key_disabled: 4, key_expired: 3, rate_limited: 8, quota_exceeded: 2 });
      expect(summary.succeeded).toBe(60);
      expect(summary.points.reduce((n, p) => n + p.total, 0)).toBe(92);
      const latencies = calls.map((c) => c.latencyMs);
      for (const [p, value] of [
        [0.5, summary.p50],
        [0.95, summary.p95],
        [0.99, summary.p99],
      ] as const) {
        const [from, to] = bucketRange(latencyBucket(exactPercentile(latencies, p)));
        expect(value, `${range} p${p * 100}`).toBeGreaterThanOrEqual(from);
        expect(value).toBeLessThan(to);
      }
      const top = await topKeys(user.id, window.grain, window.from);
      expect(top.keys.map((k) => [k.name, k.requests])).toEqual([
        ["busy", calls.filter((c) => c.keyId === busy.id).length],
        ["quiet", calls.filter((c) => c.keyId === quiet.id).length],
      ]);
      expect(top.buckets.every((b) => b.keyId !== othersKey.id)).toBe(true);
    }

    const window = rangeWindow("24h");
    const keyOnly = summarize(await keyRollups(user.id, quiet.id, window.grain, window.from), window);
    expect(keyOnly.total).toBe(23);
    // Someone else's key id gives nothing, anywhere.
    expect(await keyRollups(user.id, othersKey.id, window.grain, window.from)).toEqual([]);
    expect(await lastCaller(user.id, othersKey.id)).toBeNull();
    expect((await keyImpact(user.id, othersKey.id)).calls).toBe(0);
    expect((await keySourcesSince(user.id, othersKey.id, 7)).sources).toEqual([]);
    expect((await listRequestsPage(user.id, { key: othersKey.id, path: undefined })).rows).toEqual([]);
    expect(await collect(exportRequests(user.id, { key: othersKey.id, path: undefined }))).toEqual([]);
  });

  it("previews a switch-off with the calls of the last 24 h and the last caller; a quiet key has none", async () => {
    const user = await createTestUser("impact");
    const used = await createTestKey(user, "used");
    const quiet = await createTestKey(user, "quiet");
    const now = Date.now();
    await writeTraffic(user.id, [
      { keyId: used.id, status: 200, latencyMs: 3, at: new Date(now - 30 * HOUR), ip: "198.51.100.1" }, // too old to count
      ...Array.from({ length: 11 }, (_, i) => ({ keyId: used.id, status: 200, latencyMs: 3, at: new Date(now - 20 * HOUR + i * 60_000), ip: "198.51.100.2" })),
      { keyId: used.id, status: 429, refusal: "rate_limited", latencyMs: 0, at: new Date(now - 120_000), ip: "203.0.113.9", agent: "last-one/2" },
    ]);
    const impact = await keyImpact(user.id, used.id);
    expect(impact.calls).toBe(12);
    expect(impact.last).toMatchObject({ clientIp: "203.0.113.9", userAgent: "last-one/2" });
    expect(impact.last?.createdAt.getTime()).toBe(now - 120_000);
    expect(await keyImpact(user.id, quiet.id)).toEqual({ calls: 0, last: null });
  });

  it("lists sources with first and last seen, so a new address can be told from a known one", async () => {
    const user = await createTestUser("sources");
    const key = await createTestKey(user);
    const now = Date.now();
    await writeTraffic(user.id, [
      { keyId: key.id, status: 200, latencyMs: 1, at: new Date(now - 3 * 24 * HOUR), ip: "198.51.100.7", agent: "known/1" },
      { keyId: key.id, status: 200, latencyMs: 1, at: new Date(now - 1 * HOUR), ip: "198.51.100.7", agent: "known/1" },
      { keyId: key.id, status: 200, latencyMs: 1, at: new Date(now - 10 * 60_000), ip: "203.0.113.66", agent: "known/1" },
      { keyId: key.id, status: 200, latencyMs: 1, at: new Date(now - 9 * 24 * HOUR), ip: "192.0.2.99", agent: "gone/1" }, // outside 7 days
    ]);
    const { sources, distinct } = await keySourcesSince(user.id, key.id, 7);
    const byValue = new Map(sources.map((s) => [s.value, s]));
    expect(distinct).toEqual({ ip: 2, agent: 1 });
    expect([...byValue.keys()].sort()).toEqual(["198.51.100.7", "203.0.113.66", "known/1"]);
    expect(byValue.get("203.0.113.66")?.firstSeen.getTime()).toBe(now - 10 * 60_000);
    expect(byValue.get("198.51.100.7")).toMatchObject({ requests: 2, firstSeen: new Date(now - 3 * 24 * HOUR), lastSeen: new Date(now - HOUR) });
    expect(byValue.get("known/1")?.requests).toBe(3);
  });

  it("pages the log by keyset without skipping or repeating rows that share a millisecond, and filters it", async () => {
    const user = await createTestUser("pages");
    const key = await createTestKey(user, "pager");
    const other = await createTestKey(user, "other");
    const base = Date.now() - 2 * HOUR;
    // 60 rows, pairs of them in the same millisecond (PostgreSQL keeps microseconds; the ids differ).
    await writeTraffic(
      user.id,
      Array.from({ length: 60 }, (_, i) => ({
        keyId: i % 5 === 0 ? other.id : key.id,
        status: i % 3 === 0 ? 429 : 200,
        refusal: i % 3 === 0 ? "rate_limited" : undefined,
        latencyMs: 1,
        at: new Date(base + Math.floor(i / 2)),
        path: i % 2 ? `/api/gateway/orders/${i}` : `/api/gateway/users/${i}`,
      })),
    );
    const seen: number[] = [];
    let after: string | undefined;
    for (let page = 0; page < 5; page++) {
      const result = await listRequestsPage(user.id, { after, path: undefined }, 25);
      seen.push(...result.rows.map((r) => r.id));
      if (!result.next) break;
      after = result.next;
    }
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);
    // And back: the page before the second is the first.
    const first = await listRequestsPage(user.id, { path: undefined }, 25);
    const second = await listRequestsPage(user.id, { after: first.next ?? undefined, path: undefined }, 25);
    const back = await listRequestsPage(user.id, { before: second.previous ?? undefined, path: undefined }, 25);
    expect(back.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));

    const orders = await listRequestsPage(user.id, { path: "orders/", key: key.id }, 100);
    expect(orders.rows.length).toBe(24);
    expect(orders.rows.every((r) => r.path.startsWith("/api/gateway/orders/") && r.keyId === key.id)).toBe(true);
    const refused = await listRequestsPage(user.id, { status: "refused", path: undefined }, 100);
    expect(refused.rows.length).toBe(20);
    const today = new Date(base).toISOString().slice(0, 10);
    expect((await listRequestsPage(user.id, { from: today, to: today, path: undefined }, 100)).rows.length).toBe(60);
    const tomorrow = new Date(base + 24 * HOUR).toISOString().slice(0, 10);
    expect((await listRequestsPage(user.id, { from: tomorrow, path: undefined }, 100)).rows.length).toBe(0);
    const exported = await collect(exportRequests(user.id, { path: "/api/gateway/orders" }, 7));
    expect(exported).toHaveLength(30);
    expect(exported[0]).toMatchObject({ key: expect.any(String), method: "GET", status: expect.any(Number) });
    expect(exported.map((r) => r.time)).toEqual([...exported.map((r) => r.time)].sort().reverse());
  });

  it("pages across days, both ways, through the widening windows", async () => {
    const user = await createTestUser("pages-days");
    const key = await createTestKey(user);
    const now = Date.now();
    const ages = [0.01, 0.5, 1.5, 2, 3.9, 4.1, 10, 15.9, 16.1, 25, 28]; // within the retention another test enforces
    await writeTraffic(
      user.id,
      ages.map((days) => ({ keyId: key.id, status: 200, latencyMs: 1, at: new Date(now - days * 24 * HOUR) })),
    );
    const forward: number[] = [];
    const pages: string[] = [];
    let after: string | undefined;
    do {
      const page = await listRequestsPage(user.id, { after, path: undefined }, 3);
      forward.push(...page.rows.map((r) => r.createdAt.getTime()));
      after = page.next ?? undefined;
      if (after) pages.push(after);
    } while (after);
    expect(forward).toEqual(ages.map((d) => now - d * 24 * HOUR));
    // Back from the last page to the first, through "previous".
    const last = await listRequestsPage(user.id, { after: pages.at(-1), path: undefined }, 3);
    const backward: number[] = last.rows.map((r) => r.createdAt.getTime());
    let before = last.previous ?? undefined;
    while (before) {
      const page = await listRequestsPage(user.id, { before, path: undefined }, 3);
      backward.unshift(...page.rows.map((r) => r.createdAt.getTime()));
      before = page.previous ?? undefined;
    }
    expect(backward).toEqual(forward);
    const from = new Date(now - 16 * 24 * HOUR).toISOString().slice(0, 10);
    const to = new Date(now - 2 * 24 * HOUR).toISOString().slice(0, 10);
    const ranged = await listRequestsPage(user.id, { from, to, path: undefined }, 100);
    const inRange = ages.filter((d) => {
      const day = new Date(now - d * 24 * HOUR).toISOString().slice(0, 10);
      return day >= from && day <= to;
    });
    expect(ranged.rows.map((r) => r.createdAt.getTime())).toEqual(inRange.map((d) => now - d * 24 * HOUR));
  });
});
