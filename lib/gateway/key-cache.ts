// Keys by hash, in process: a bounded LRU of real keys with a TTL, and apart from it a
// bounded memory of unknown hashes, so a flood of forged (well-formed, checksummed) keys
// costs one query each at most once a minute and cannot push real keys out. Trusted only
// while the revocation listener is connected; while it is not, every lookup goes to the
// database. An entry never outlives the key's expiry or its old secret's grace.
import type { KeyForGateway } from "@/db/queries/keys";
import { env } from "@/lib/env";
import { nowMs } from "@/lib/gateway/clock";
import { perProcess } from "@/lib/process-singleton";

/** null: "no such key". */
export type CachedKey = KeyForGateway | null;
type Entry = { value: KeyForGateway; expires: number };

/** A Map as a bounded LRU: insertion order is use order, the oldest goes first. */
function bound<V>(map: Map<string, V>, max: number): void {
  if (map.size <= max) return;
  const oldest = map.keys().next();
  if (!oldest.done) map.delete(oldest.value);
}

class KeyCache {
  private entries = new Map<string, Entry>();
  private unknown = new Map<string, number>(); // hash → expires
  private trusted = false;
  // The entry last moved to the back: moving it again would change nothing but churn the Map.
  private newest: string | undefined;
  // Bumped by every invalidation: a lookup that raced with one must not cache what it read.
  private generation = 0;

  constructor(
    private readonly max: number,
    private readonly ttlMs: number,
    private readonly unknownMax: number,
    private readonly unknownTtlMs: number,
  ) {}

  get(hash: string): CachedKey | undefined {
    if (!this.trusted) return undefined;
    const entry = this.entries.get(hash);
    if (!entry) return this.getUnknown(hash);
    if (entry.expires <= nowMs()) {
      this.entries.delete(hash);
      return undefined;
    }
    if (hash !== this.newest) {
      this.entries.delete(hash);
      this.entries.set(hash, entry); // most recently used goes last
      this.newest = hash;
    }
    return entry.value;
  }

  private getUnknown(hash: string): null | undefined {
    const expires = this.unknown.get(hash);
    if (expires === undefined) return undefined;
    if (expires > nowMs()) return null;
    this.unknown.delete(hash);
    return undefined;
  }

  /** Pass the generation read before the database lookup began. */
  set(hash: string, value: CachedKey, generationAtLookup: number): void {
    if (!this.trusted || generationAtLookup !== this.generation) return;
    const now = nowMs();
    if (value === null) {
      this.unknown.delete(hash);
      this.unknown.set(hash, now + this.unknownTtlMs);
      bound(this.unknown, this.unknownMax);
      return;
    }
    let expires = now + this.ttlMs;
    if (value.expiresAt) expires = Math.min(expires, value.expiresAt.getTime());
    if (value.graceUntil) expires = Math.min(expires, value.graceUntil.getTime());
    this.entries.delete(hash);
    this.entries.set(hash, { value, expires });
    this.newest = hash;
    bound(this.entries, this.max);
  }

  /** A key changed (or was created: its hash must stop counting as unknown). */
  delete(hash: string): void {
    this.generation++;
    this.entries.delete(hash);
    this.unknown.delete(hash);
  }

  /** An account's plan changed (or, without an account, any plan): its keys' limits are stale. */
  deleteOwner(ownerId?: string): void {
    this.generation++;
    if (!ownerId) {
      this.entries.clear();
      return;
    }
    for (const [hash, entry] of this.entries) if (entry.value.ownerId === ownerId) this.entries.delete(hash);
  }

  get currentGeneration(): number {
    return this.generation;
  }

  /** Called by the revocation listener: on when it is listening, off (and emptied) when not. */
  setTrusted(trusted: boolean): void {
    this.generation++;
    this.entries.clear();
    this.unknown.clear();
    this.trusted = trusted;
  }

  get isTrusted(): boolean {
    return this.trusted;
  }

  get size(): number {
    return this.entries.size;
  }

  get unknownSize(): number {
    return this.unknown.size;
  }
}

export const keyCache: () => KeyCache = perProcess("keyCache", () => {
  const e = env();
  return new KeyCache(e.KEY_CACHE_MAX, e.KEY_CACHE_TTL_MS, e.UNKNOWN_KEY_CACHE_MAX, e.UNKNOWN_KEY_CACHE_TTL_MS);
});
