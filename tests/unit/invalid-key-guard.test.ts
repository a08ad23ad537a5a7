import { beforeEach, describe, expect, it, vi } from "vitest";

describe("the invalid-key guard", () => {
  beforeEach(() => {
    vi.resetModules();
    delete (globalThis as Record<symbol, unknown>)[Symbol.for("gatehouse.invalidKeys")];
    delete (globalThis as Record<symbol, unknown>)[Symbol.for("gatehouse.env")];
    process.env.INVALID_KEYS_PER_MINUTE = "20";
  });

  it("blocks an address for 60 s after more than 20 invalid keys in a minute, even across the minute's end", async () => {
    const { countInvalidKey, invalidKeyWait } = await import("@/lib/gateway/invalid-key-guard");
    const start = Date.UTC(2026, 10, 28, 12, 0, 50); // ten seconds before a minute ends
    for (let i = 0; i < 20; i++) countInvalidKey("198.51.100.7", start);
    expect(invalidKeyWait("198.51.100.7", start)).toBe(0);
    countInvalidKey("198.51.100.7", start);
    expect(invalidKeyWait("198.51.100.7", start)).toBe(60);
    expect(invalidKeyWait("198.51.100.7", start + 30_000)).toBe(30); // the next minute: still blocked
    expect(invalidKeyWait("203.0.113.9", start)).toBe(0); // another address
    expect(invalidKeyWait("198.51.100.7", start + 60_000)).toBe(0);
  });
});
