import { beforeEach, describe, expect, it, vi } from "vitest";
import type { KeyForGateway } from "@/db/queries/keys";

const key = (id: string): KeyForGateway => ({ id, ownerId: "o", name: id, active: true, createdAt: new Date(), lastUsedAt: null });

describe("key cache", () => {
  beforeEach(() => {
    vi.resetModules();
    delete (globalThis as Record<symbol, unknown>)[Symbol.for("gatehouse.keyCache")];
    process.env.KEY_CACHE_MAX = "3";
    process.env.KEY_CACHE_TTL_MS = "1000";
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
});
