// The partitioned request log and what the batched writer adds to it: rollups that agree
// with the rows, retention by whole days, and the default partition as a safety net.
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, sqlClient } from "@/db/client";
import { dropRequestPartitionsBefore, ensureRequestPartitions, listRequestPartitions } from "@/db/queries/request-log-maintenance";
import { writeUsage } from "@/db/queries/usage";
import { gatewayRequests, requestRollups } from "@/db/schema";
import { flushUsage, recordRequest } from "@/lib/gateway/usage";
import { latencyBucket } from "@/lib/request-log/latency-buckets";
import { maintainRequestLog } from "@/lib/request-log/maintenance";
import { createTestKey, createTestUser } from "@/tests/helpers/db";
import { usageBatch } from "@/tests/helpers/usage-batch";

const DAY = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const row = (ownerId: string, keyId: string, createdAt: Date, status = 200, refusal: string | null = null, latencyMs = 5) => ({
  ownerId,
  keyId,
  method: "GET",
  path: "/api/gateway/whoami",
  status,
  latencyMs,
  clientIp: "192.0.2.1",
  refusal,
  userAgent: "test-agent/1",
  createdAt,
});

describe("the request log", () => {
  it("sorts latencies into the same buckets in SQL as in the writer", async () => {
    const samples = [...Array.from({ length: 200 }, (_, i) => i), ...Array.from({ length: 300 }, (_, i) => 200 + i * 233)];
    const rows = await sqlClient()`select ms, gatehouse_latency_bucket(ms) as b from unnest(${samples}::int[]) as ms`;
    for (const r of rows) expect(r.b, `${r.ms} ms`).toBe(latencyBucket(r.ms));
  });

  it("keeps rollups that agree with the rows, over several flushes", async () => {
    const user = await createTestUser("rollup");
    const keys = await Promise.all(["r1", "r2", "r3"].map((n) => createTestKey(user, n)));
    const start = Date.now() - 3 * 3600_000;
    const outcomes: [number, string | null][] = [
      [200, null],
      [201, null],
      [404, null],
      [502, null],
      [403, "key_disabled"],
      [429, "rate_limited"],
      [429, "quota_exceeded"],
      [401, "key_expired"],
    ];
    for (let flush = 0; flush < 4; flush++) {
      for (let i = 0; i < 150; i++) {
        const n = flush * 150 + i;
        const [status, refusal] = outcomes[n % outcomes.length];
        recordRequest(row(user.id, keys[n % 3].id, new Date(start + n * 17_000), status, refusal, (n * 37) % 900));
      }
      await flushUsage();
    }
    const written = await db()
      .select({
        keyId: requestRollups.keyId,
        grain: requestRollups.grain,
        bucket: requestRollups.bucket,
        outcome: requestRollups.outcome,
        requests: requestRollups.requests,
        latency: requestRollups.latency,
      })
      .from(requestRollups)
      .where(eq(requestRollups.ownerId, user.id));
    const fromLog = await sqlClient()`
      select key_id as "keyId", grain, bucket, outcome, requests, latency
      from gatehouse_rollups_from_log('-infinity', 'infinity', array['minute', 'hour', 'day'])
      where owner_id = ${user.id}`;
    const canonical = (rows: readonly { keyId: string | null; grain: string; bucket: Date; outcome: string; requests: number; latency: number[] }[]) =>
      rows.map((r) => `${r.keyId ?? "all"} ${r.grain} ${new Date(r.bucket).toISOString()} ${r.outcome} ${r.requests} ${r.latency.join(",")}`).sort();
    expect(written.length).toBeGreaterThan(100);
    expect(canonical(written)).toEqual(canonical(fromLog as never));
    const [{ total }] =
      await sqlClient()`select sum(requests)::int as total from request_rollups where owner_id = ${user.id} and key_id is null and grain = 'day'`;
    expect(total).toBe(600);
  });

  it("drops whole days past the retention, with their rows, and keeps the rest", async () => {
    const user = await createTestUser("retention");
    const key = await createTestKey(user);
    const now = Date.now();
    // 45 days ago has no partition: its row lands in the default partition until one is made.
    const early = new Date(now - 45 * DAY);
    await writeUsage(usageBatch([], [row(user.id, key.id, early)]));
    const [{ inDefault }] = await sqlClient()`select count(*)::int as "inDefault" from gateway_requests_default where key_id = ${key.id}`;
    expect(inDefault).toBe(1);
    expect(await ensureRequestPartitions(dayOf(now - 45 * DAY), dayOf(now - 40 * DAY))).toBeGreaterThanOrEqual(1);
    const [{ moved }] = await sqlClient()`select tableoid::regclass::text as moved from gateway_requests where key_id = ${key.id}`;
    expect(moved).toBe(`gateway_requests_${dayOf(early.getTime()).replaceAll("-", "")}`);

    await writeUsage(
      usageBatch([], [row(user.id, key.id, new Date(now - 41 * DAY)), row(user.id, key.id, new Date(now - 10 * DAY)), row(user.id, key.id, new Date(now))]),
    );
    expect(await listRequestPartitions()).toContain(dayOf(now - 41 * DAY));

    const { created, dropped } = await maintainRequestLog(now);
    expect(dropped).toBeGreaterThanOrEqual(6);
    expect(created).toBeGreaterThanOrEqual(0);
    const days = await listRequestPartitions();
    expect(days.some((d) => d < dayOf(now - 30 * DAY))).toBe(false);
    expect(days).toContain(dayOf(now));
    expect(days).toContain(dayOf(now + 7 * DAY));
    const left = await db().select({ at: gatewayRequests.createdAt }).from(gatewayRequests).where(eq(gatewayRequests.keyId, key.id));
    expect(left.map((r) => r.at.getTime()).sort()).toEqual([now - 10 * DAY, now]);
    const [{ old }] = await db()
      .select({ old: sql<number>`count(*)::int` })
      .from(requestRollups)
      .where(sql`${requestRollups.ownerId} = ${user.id} and ${requestRollups.bucket} < now() - interval '31 days'`);
    expect(old).toBe(0);
    expect(await dropRequestPartitionsBefore(dayOf(now - 30 * DAY))).toBe(0);
  });
});
