import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { leaseKeyWindow, leaseQuota } from "@/db/queries/limits";
import { periodOf } from "@/lib/limits/period";
import { checkLimits, forgetLimits, releaseIdle } from "@/lib/limits/registry";
import { createTestKey, createTestUser } from "@/tests/helpers/db";

async function limitedKey(ratePerMinute: number | null, monthlyQuota: number | null) {
  const user = await createTestUser("limits");
  const { id } = await createTestKey(user);
  return { keyId: id, ownerId: user.id, ratePerMinute, monthlyQuota };
}

describe("leases", () => {
  it("never pass the limit, granting what is left", async () => {
    const user = await createTestUser("lease");
    const { id } = await createTestKey(user);
    const window = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const grants = await Promise.all(Array.from({ length: 12 }, () => leaseKeyWindow(id, window, 10, 100)));
    expect(grants.reduce((n, g) => n + g.granted, 0)).toBe(100);
    expect(Math.max(...grants.map((g) => g.leased))).toBe(100);
    const period = periodOf();
    const quota = await Promise.all(Array.from({ length: 5 }, () => leaseQuota(user.id, period, 20, 50)));
    expect(quota.map((g) => g.granted).sort((a, b) => b - a)).toEqual([20, 20, 10, 0, 0]);
  });
});

describe("checkLimits", () => {
  it("admits the key's rate, then refuses with 429 fields that say when to retry", async () => {
    const key = await limitedKey(10, null);
    const at = Math.floor(Date.now() / 60_000) * 60_000 + 30_000; // mid-minute
    const results = [];
    for (let i = 0; i < 12; i++) results.push(await checkLimits(key, at));
    expect(results.map((r) => r.outcome)).toEqual([...Array(10).fill("ok"), "rate_limited", "rate_limited"]);
    expect(results[0].headers).toEqual({ "ratelimit-policy": '"key";q=10;w=60', ratelimit: '"key";r=9;t=30' });
    expect(results[11]).toMatchObject({ retryAfterSeconds: 30, headers: { ratelimit: '"key";r=0;t=30' } });
  });

  it("refuses past the monthly quota, and refused requests use none of it", async () => {
    const key = await limitedKey(3, 5);
    const at = Math.floor(Date.now() / 60_000) * 60_000 + 1_000;
    const first = [];
    for (let i = 0; i < 4; i++) first.push((await checkLimits(key, at)).outcome);
    expect(first).toEqual(["ok", "ok", "ok", "rate_limited"]);
    const next = [];
    for (let i = 0; i < 4; i++) next.push((await checkLimits(key, at + 60_000)).outcome);
    expect(next).toEqual(["ok", "ok", "quota_exceeded", "rate_limited"]); // the rate counts every attempt
    const refused = await checkLimits(key, at + 60_000);
    expect(refused.headers["ratelimit-policy"]).toMatch(/^"key";q=3;w=60, "month";q=5;w=\d+$/);
    await forgetLimits(key.ownerId);
  });

  it("gives unspent quota back when idle, so another instance can use it", async () => {
    const key = await limitedKey(null, 10_000); // a block of 10
    await checkLimits(key);
    const leased = async () => {
      const rows = await db().execute<{ leased: string }>(sql`select leased from account_usage where owner_id = ${key.ownerId}`);
      return Number(rows[0]?.leased);
    };
    expect(await leased()).toBe(10);
    await releaseIdle(0);
    expect(await leased()).toBe(1);
  });

  it("has nothing to check for a key without limits", async () => {
    const result = await checkLimits({ keyId: randomUUID(), ownerId: randomUUID(), ratePerMinute: null, monthlyQuota: null });
    expect(result).toEqual({ outcome: "ok", headers: {}, retryAfterSeconds: undefined });
  });
});
