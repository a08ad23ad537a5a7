// Tokens of one shared counter (a key's minute, an account's month) that this instance holds:
// leased from PostgreSQL a block at a time (db/queries/limits.ts), spent from memory. The
// next block is fetched while half of this one is left, so requests rarely wait for it.
import type { Lease } from "@/db/queries/limits";

export type Take = "ok" | "limit" | "unavailable";
const RETRY_AFTER_FAILURE_MS = 250;

export class Allowance {
  private tokens = 0;
  private leased = 0; // the counter's total after our last lease
  private exhausted = false;
  private pending: Promise<boolean> | null = null;
  private failedAt = 0;
  lastTakeAt = Date.now();

  constructor(
    readonly limit: number,
    private readonly block: number,
    private readonly lease: (want: number) => Promise<Lease>,
  ) {}

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
  take(): Take | Promise<Take> {
    this.lastTakeAt = Date.now();
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
    if (Date.now() - this.failedAt < RETRY_AFTER_FAILURE_MS) return Promise.resolve(false);
    this.pending ??= this.lease(this.block)
      .then(({ granted, leased }) => {
        this.tokens += granted;
        this.leased = leased;
        this.exhausted = leased >= this.limit;
        return true;
      })
      .catch(() => {
        this.failedAt = Date.now(); // the database is away: refuse (503) rather than admit unchecked
        return false;
      })
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }
}

/** A block is a twentieth of the limit (at least 1, at most 1,000): N instances leave at most N blocks unspent. */
export const blockFor = (limit: number, share = 20) => Math.max(1, Math.min(1_000, Math.ceil(limit / share)));
