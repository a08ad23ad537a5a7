// Verified keys by hash, in process: a bounded LRU with a TTL. Trusted only while the
// revocation listener is connected; while it is not, every lookup goes to the database.
import type { KeyForGateway } from "@/db/queries/keys";
import { env } from "@/lib/env";
import { nowMs } from "@/lib/gateway/clock";
import { processSingleton } from "@/lib/process-singleton";

/** null caches "no such key", so a flood of well-formed unknown keys costs one query each. */
export type CachedKey = KeyForGateway | null;
type Entry = { value: CachedKey; expires: number };

class KeyCache {
  private entries = new Map<string, Entry>();
  private trusted = false;
  // The entry last moved to the back: moving it again would change nothing but churn the Map.
  private newest: string | undefined;
  // Bumped by every invalidation: a lookup that raced with one must not cache what it read.
  private generation = 0;

  constructor(
    private readonly max: number,
    private readonly ttlMs: number,
  ) {}

  get(hash: string): CachedKey | undefined {
    if (!this.trusted) return undefined;
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    if (entry.expires < nowMs()) {
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

  /** Pass the generation read before the database lookup began. */
  set(hash: string, value: CachedKey, generationAtLookup: number): void {
    if (!this.trusted || generationAtLookup !== this.generation) return;
    this.entries.delete(hash);
    this.entries.set(hash, { value, expires: nowMs() + this.ttlMs });
    this.newest = hash;
    if (this.entries.size > this.max) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  delete(hash: string): void {
    this.generation++;
    this.entries.delete(hash);
  }

  get currentGeneration(): number {
    return this.generation;
  }

  /** Called by the revocation listener: on when it is listening, off (and emptied) when not. */
  setTrusted(trusted: boolean): void {
    this.generation++;
    this.entries.clear();
    this.trusted = trusted;
  }

  get isTrusted(): boolean {
    return this.trusted;
  }

  get size(): number {
    return this.entries.size;
  }
}

export function keyCache(): KeyCache {
  return processSingleton("keyCache", () => new KeyCache(env().KEY_CACHE_MAX, env().KEY_CACHE_TTL_MS));
}
