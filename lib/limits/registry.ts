// Per-key rate limits (a fixed one-minute window) and monthly account quotas, checked from
// memory: each instance holds Allowances leased from PostgreSQL (lib/limits/allowance.ts),
// at most one per key for the current minute and one per account for the current month.
import { leaseKeyWindow, leaseQuota, returnQuota } from "@/db/queries/limits";
import { nowMs } from "@/lib/gateway/clock";
import { Allowance, blockFor, type Take } from "@/lib/limits/allowance";
import { type PolicyState, rateLimitHeaders } from "@/lib/limits/headers";
import { type Month, monthAt } from "@/lib/limits/period";
import { perProcess } from "@/lib/process-singleton";

export type Limited = { keyId: string; ownerId: string; ratePerMinute: number | null; monthlyQuota: number | null };
export type LimitCheck = {
  outcome: "ok" | "rate_limited" | "quota_exceeded" | "database_unavailable";
  headers: Record<string, string>;
  retryAfterSeconds?: number;
};

type Window = { start: number; allowance: Allowance };
type Quota = { period: string; allowance: Allowance };
const state = perProcess("limits", () => ({ windows: new Map<string, Window>(), quotas: new Map<string, Quota>() }));

const MINUTE_MS = 60_000;

function keyWindow(key: Limited, limit: number, now: number): Window {
  const start = now - (now % MINUTE_MS);
  const current = state().windows.get(key.keyId);
  if (current && current.start === start && current.allowance.limit === limit) return current;
  const grown = current?.allowance.limit === limit ? current.allowance.blockSize : undefined;
  const window = { start, allowance: new Allowance(limit, blockFor(limit), (want) => leaseKeyWindow(key.keyId, new Date(start), want, limit), grown) };
  state().windows.set(key.keyId, window);
  return window;
}

function accountQuota(key: Limited, quota: number, at: number): Quota {
  const { period } = monthAt(at);
  const current = state().quotas.get(key.ownerId);
  if (current && current.period === period && current.allowance.limit === quota) return current;
  if (current) void returnQuota(key.ownerId, current.period, current.allowance.release()).catch(() => {});
  const fresh = { period, allowance: new Allowance(quota, blockFor(quota, 1_000), (want) => leaseQuota(key.ownerId, period, want, quota)) };
  state().quotas.set(key.ownerId, fresh);
  return fresh;
}

const refused = (take: Take, code: "rate_limited" | "quota_exceeded") => (take === "limit" ? code : "database_unavailable");

/**
 * The rate limit first, then the quota: a request refused by either does not use quota.
 * Synchronous while both have tokens in memory; a Promise only when a lease must be awaited.
 */
export function checkLimits(key: Limited, at = nowMs()): LimitCheck | Promise<LimitCheck> {
  if (key.ratePerMinute === null && key.monthlyQuota === null) return { outcome: "ok", headers: {} };
  const window = key.ratePerMinute === null ? null : keyWindow(key, key.ratePerMinute, at);
  const quota = key.monthlyQuota === null ? null : accountQuota(key, key.monthlyQuota, at);
  const rate = window ? window.allowance.take(at) : "ok";
  if (rate instanceof Promise) return rate.then((r) => afterRate(key, at, window, quota, r));
  return afterRate(key, at, window, quota, rate);
}

function afterRate(key: Limited, at: number, window: Window | null, quota: Quota | null, rate: Take): LimitCheck | Promise<LimitCheck> {
  const spent = rate === "ok" && quota ? quota.allowance.take(at) : "ok";
  if (spent instanceof Promise) return spent.then((q) => verdict(key, at, window, quota, rate, q));
  return verdict(key, at, window, quota, rate, spent);
}

// The policy names the limits, which change only with the key, the plan or the month.
const policies = new WeakMap<Limited, { period: string; value: string }>();
function policyOf(key: Limited, month: Month): string {
  const cached = policies.get(key);
  if (cached?.period === month.period) return cached.value;
  const parts: PolicyState[] = [];
  if (key.ratePerMinute !== null) parts.push({ name: "key", quota: key.ratePerMinute, windowSeconds: 60, remaining: 0, resetSeconds: 0 });
  if (key.monthlyQuota !== null)
    parts.push({ name: "month", quota: key.monthlyQuota, windowSeconds: Math.round((month.until - month.from) / 1000), remaining: 0, resetSeconds: 0 });
  const value = rateLimitHeaders(parts)["ratelimit-policy"] ?? "";
  policies.set(key, { period: month.period, value });
  return value;
}

function verdict(key: Limited, at: number, window: Window | null, quota: Quota | null, rate: Take, spent: Take): LimitCheck {
  const month = monthAt(at);
  let left = ""; // the RateLimit field, built as one string: this runs on every limited request
  let outcome: LimitCheck["outcome"] = "ok";
  let retryAfterSeconds: number | undefined;
  if (window) {
    const reset = Math.ceil((window.start + MINUTE_MS - at) / 1000);
    left = `"key";r=${window.allowance.remaining};t=${reset}`;
    if (rate !== "ok") [outcome, retryAfterSeconds] = [refused(rate, "rate_limited"), reset];
  }
  if (quota) {
    const reset = Math.ceil((month.until - at) / 1000);
    left = `${left ? `${left}, ` : ""}"month";r=${quota.allowance.remaining};t=${reset}`;
    if (rate === "ok" && spent !== "ok") [outcome, retryAfterSeconds] = [refused(spent, "quota_exceeded"), reset];
  }
  return { outcome, headers: { "ratelimit-policy": policyOf(key, month), ratelimit: left }, retryAfterSeconds };
}

/**
 * Housekeeping, every few seconds: windows that have ended are dropped, and quota tokens an
 * instance has not spent for `idleMs` go back to the counter, so the bound on
 * under-admission stays at what busy instances hold. At shutdown, idleMs = 0 returns all.
 */
export async function releaseIdle(idleMs: number, at = nowMs()): Promise<void> {
  const { windows, quotas } = state();
  for (const [keyId, window] of windows) if (window.start + MINUTE_MS <= at) windows.delete(keyId);
  const returns: Promise<void>[] = [];
  for (const [ownerId, quota] of quotas) {
    if (at - quota.allowance.lastTakeAt < idleMs) continue;
    quotas.delete(ownerId);
    returns.push(returnQuota(ownerId, quota.period, quota.allowance.release()));
  }
  await Promise.all(returns);
}

/** A plan or rate changed: start over from the counters (what is held goes back first). */
export async function forgetLimits(ownerId?: string): Promise<void> {
  const { windows, quotas } = state();
  const returns: Promise<void>[] = [];
  for (const [id, quota] of quotas) {
    if (ownerId && id !== ownerId) continue;
    quotas.delete(id);
    returns.push(returnQuota(id, quota.period, quota.allowance.release()));
  }
  if (!ownerId) windows.clear();
  await Promise.all(returns);
}
