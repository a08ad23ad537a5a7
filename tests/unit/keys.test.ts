import { describe, expect, it } from "vitest";
import { generateKey, hashKey, KEY_LENGTH, KEY_PREFIX, maskKey, parseKey } from "@/lib/keys/format";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

describe("API key format", () => {
  it("generates 5,000 distinct keys that all parse, with their hash", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5_000; i++) {
      const { key, hash, start } = generateKey();
      expect(key).toHaveLength(KEY_LENGTH);
      expect(key.startsWith(KEY_PREFIX)).toBe(true);
      expect(key.startsWith(start)).toBe(true);
      expect(parseKey(key)).toEqual({ ok: true, key, hash });
      seen.add(key);
    }
    expect(seen.size).toBe(5_000);
  });

  it("refuses every one-character change of a key by checksum or format", () => {
    for (let n = 0; n < 50; n++) {
      const { key } = generateKey();
      for (let i = 0; i < key.length; i++) {
        for (const replacement of `${ALPHABET}_-`) {
          if (replacement === key[i]) continue;
          const changed = key.slice(0, i) + replacement + key.slice(i + 1);
          const parsed = parseKey(changed);
          expect(parsed.ok, `${changed} should be refused`).toBe(false);
        }
      }
    }
  });

  it("tells a bad checksum from a bad format", () => {
    const { key } = generateKey();
    const last = key.at(-1) === "A" ? "B" : "A";
    expect(parseKey(key.slice(0, -1) + last)).toEqual({ ok: false, reason: "checksum" });
    expect(parseKey(`${key}A`)).toEqual({ ok: false, reason: "format" });
    expect(parseKey(key.slice(1))).toEqual({ ok: false, reason: "format" });
    expect(parseKey("")).toEqual({ ok: false, reason: "format" });
    expect(parseKey(key.replace(KEY_PREFIX, "sk_live_x"))).toEqual({ ok: false, reason: "format" });
  });

  it("uses every base62 character in the secret part, evenly enough", () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 2_000; i++) {
      for (const c of generateKey().key.slice(KEY_PREFIX.length, -6)) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    expect(counts.size).toBe(62);
    const expected = (2_000 * 22) / 62;
    for (const count of counts.values()) expect(Math.abs(count - expected) / expected).toBeLessThan(0.25);
  });

  it("stores nothing from which the key could be read: a SHA-256 and a short start", () => {
    for (let i = 0; i < 1_000; i++) {
      const { key, hash, start } = generateKey();
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(hash).toBe(hashKey(key));
      expect(start).toBe(key.slice(0, KEY_PREFIX.length + 4));
      const secret = key.slice(start.length);
      expect(hash.includes(secret) || start.includes(secret)).toBe(false);
    }
  });

  it("masks a key to its start", () => {
    expect(maskKey("gtw_live_AbC1")).toBe("gtw_live_AbC1…");
  });
});
