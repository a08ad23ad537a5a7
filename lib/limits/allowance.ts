// Tokens of one shared counter (a key's minute, an account's month) that this instance holds:
// leased from PostgreSQL a block at a time (db/queries/limits.ts), spent from memory. The
// next block is fetched while half of this one is left, so requests rarely wait for it; a
// block spent within a second makes the next one twice as big, up to the largest allowed, so
// a busy key costs a few leases a second whatever its rate.
import type { Lease } from "@/db/queries/limits";
import { nowMs } from "@/lib/gateway/clock";

export type Take = "ok" | "limit" | "unavailable";
const RETRY_AFTER_FAILURE_MS = 250;
const FIRST_BLOCK_MAX = 64;

export class Allowance {
  private tokens = 0;
  private leased = 0; // the counter's total after our last lease
  private exhausted = false;
  private pending: Promise<boolean> | null = null;
  private failedAt = 0;
  private leasedAt = 0;
  private block: number;
  lastTakeAt = nowMs();

  /** `maxBlock`: the most one lease may take (blockFor), which bounds what an instance holds unspent. */
  /** `firstBlock`: what the last window of the same counter grew to, so a busy key does not start each minute small. */
  constructor(
    readonly limit: number,
    private readonly maxBlock: number,
    private readonly lease: (want: number) => Promise<Lease>,
    firstBlock = FIRST_BLOCK_MAX,
  ) {
    this.block = Math.min(maxBlock, firstBlock);
  }

  get blockSize(): number {
    return this.block;
  }

  /** What is left of the limit as far as this instance knows: not yet leased, plus its own. */
  get remaining(): number {
    return Math.max(0, this.limit - this.leased) + this.tokens;
  }

  /** Tokens held here and not spent (returned to a monthly counter when idle). */
  get held(): number {
    return this.tokens;
  }

  /** Hands the held tokens over (to be returned to the counter) and forgets them. */
  release(): number {
    const tokens = this.tokens;
    this.tokens = 0;
    return tokens;
  }

  /**
   * A token, synchronously when one is held (the gateway's hot path makes no Promise for a
   * request it can answer from memory); a Promise only when it must wait for a lease.
   */
  take(at = nowMs()): Take | Promise<Take> {
    this.lastTakeAt = at;
    if (this.tokens > 0) return this.spend();
    if (this.exhausted) return "limit";
    return this.waitForLease();
  }

  private spend(): Take {
    this.tokens--;
    // Fetch ahead only when blocks are big enough to matter: a small limit is counted exactly
    // (with a block of one, no instance ever holds a token another could have used).
    if (this.block > 2 && this.tokens <= this.block / 2 && !this.exhausted) void this.refill();
    return "ok";
  }

  private async waitForLease(): Promise<Take> {
    // Requests that waited for a block together may find it spent by the others: lease again.
    while (this.tokens === 0 && !this.exhausted) {
      if (!(await this.refill())) break;
    }
    if (this.tokens === 0) return this.exhausted ? "limit" : "unavailable";
    return this.spend();
  }

  /** False when no lease could be had (the database is away, or was a moment ago). */
  private refill(): Promise<boolean> {
    const now = nowMs();
    if (now - this.failedAt < RETRY_AFTER_FAILURE_MS) return Promise.resolve(false);
    if (this.pending) return this.pending;
    if (now - this.leasedAt < 1_000) this.block = Math.min(this.maxBlock, this.block * 2);
    this.pending = this.lease(this.block)
      .then(({ granted, leased }) => {
        this.leasedAt = nowMs();
        this.tokens += granted;
        this.leased = leased;
        this.exhausted = leased >= this.limit;
        return true;
      })
      .catch(() => {
        this.failedAt = nowMs(); // the database is away: refuse (503) rather than admit unchecked
        return false;
      })
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }
}

/** The largest block: a twentieth of the limit (at least 1, at most 100,000). N instances leave at most N blocks unspent. */
export const blockFor = (limit: number, share = 20) => Math.max(1, Math.min(100_000, Math.ceil(limit / share)));
