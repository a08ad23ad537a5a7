import { beforeEach, describe, expect, it, vi } from "vitest";
import type { KeyForGateway } from "@/db/queries/keys";

const key = (id: string, more: Partial<KeyForGateway> = {}): KeyForGateway => ({
  id,
  ownerId: "o",
  name: id,
  active: true,
  createdAt: new Date(),
  lastUsedAt: null,
  rateLimitPerMinute: null,
  expiresAt: null,
  monthlyQuota: null,
  secret: "current",
  secretStart: "gtw_live_AbCd",
  graceUntil: null,
  ...more,
});

describe("key cache", () => {
  beforeEach(() => {
    vi.resetModules();
    delete (globalThis as Record<symbol, unknown>)[Symbol.for("gatehouse.keyCache")];
    process.env.KEY_CACHE_MAX = "3";
    process.env.KEY_CACHE_TTL_MS = "1000";
    process.env.UNKNOWN_KEY_CACHE_MAX = "2";
  });

  async function fresh() {
    const { keyCache } = await import("@/lib/gateway/key-cache");
    const cache = keyCache();
    cache.setTrusted(true);
    return cache;
  }

  it("is bypassed until the revocation listener trusts it, and emptied when it stops", async () => {
    const { keyCache } = await import("@/lib/gateway/key-cache");
    const cache = keyCache();
    cache.set("h", key("a"), cache.currentGeneration);
    expect(cache.get("h")).toBeUndefined();
    cache.setTrusted(true);
    cache.set("h", key("a"), cache.currentGeneration);
    expect(cache.get("h")?.id).toBe("a");
    cache.setTrusted(false);
    expect(cache.get("h")).toBeUndefined();
  });

  it("keeps at most KEY_CACHE_MAX entries, dropping the least recently used", async () => {
    const cache = await fresh();
    for (const h of ["a", "b", "c"]) cache.set(h, key(h), cache.currentGeneration);
    cache.get("a");
    cache.set("d", key("d"), cache.currentGeneration);
    expect(cache.size).toBe(3);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")?.id).toBe("a");
  });

  it("forgets entries after the TTL", async () => {
    vi.useFakeTimers();
    try {
      const cache = await fresh();
      cache.set("a", key("a"), cache.currentGeneration);
      vi.advanceTimersByTime(1_001);
      expect(cache.get("a")).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });

  it("does not cache a lookup that raced with an invalidation", async () => {
    const cache = await fresh();
    const before = cache.currentGeneration;
    cache.delete("a"); // a key was switched off while the lookup was in flight
    cache.set("a", key("a"), before);
    expect(cache.get("a")).toBeUndefined();
  });

  it("remembers unknown keys as null", async () => {
    const cache = await fresh();
    cache.set("nope", null, cache.currentGeneration);
    expect(cache.get("nope")).toBeNull();
  });

  it("keeps unknown keys apart, in their own bound, so forged keys cannot push real ones out", async () => {
    const cache = await fresh();
    cache.set("real", key("real"), cache.currentGeneration);
    for (const h of ["f1", "f2", "f3", "f4"]) cache.set(h, null, cache.currentGeneration);
    expect(cache.get("real")?.id).toBe("real");
    expect(cache.unknownSize).toBe(2);
    expect(cache.get("f4")).toBeNull();
    expect(cache.get("f1")).toBeUndefined();
    cache.delete("f4"); // the key was just created: it must work at once
    expect(cache.get("f4")).toBeUndefined();
  });

  it("never keeps a key past its expiry or its old secret's grace", async () => {
    vi.useFakeTimers();
    try {
      const cache = await fresh();
      const now = Date.now();
      cache.set("e", key("e", { expiresAt: new Date(now + 200) }), cache.currentGeneration);
      cache.set("g", key("g", { secret: "previous", graceUntil: new Date(now + 300) }), cache.currentGeneration);
      vi.advanceTimersByTime(250);
      expect(cache.get("e")).toBeUndefined();
      expect(cache.get("g")?.id).toBe("g");
      vi.advanceTimersByTime(100);
      expect(cache.get("g")).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });

  it("drops an account's keys when its plan changes", async () => {
    const cache = await fresh();
    cache.set("a", key("a", { ownerId: "one" }), cache.currentGeneration);
    cache.set("b", key("b", { ownerId: "two" }), cache.currentGeneration);
    cache.deleteOwner("one");
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("b")?.id).toBe("b");
  });
});
