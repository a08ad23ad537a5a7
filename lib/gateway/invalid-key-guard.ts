// Forged keys cost nothing to make (the checksum is public). Per client address, more than
// INVALID_KEYS_PER_MINUTE invalid_key/unknown_key refusals in a minute earn 429
// too_many_invalid_keys for the next 60 s (not just the rest of the minute, so a flood
// straddling a minute's end does not get a second allowance at once), decided in memory
// before any lookup.
import { env } from "@/lib/env";
import { perProcess } from "@/lib/process-singleton";

// Counts for the current minute only; past this many addresses in one minute new ones are
// not counted (the memory stays bounded; the lookup cap and the unknown-key cache still hold).
const ADDRESSES_MAX = 100_000;
const MINUTE_MS = 60_000;

const state = perProcess("invalidKeys", () => ({ minute: 0, counts: new Map<string, number>(), blocked: new Map<string, number>() }));

function current(now: number) {
  const s = state();
  const minute = Math.floor(now / MINUTE_MS);
  if (s.minute !== minute) {
    s.minute = minute;
    s.counts.clear();
    for (const [address, until] of s.blocked) if (until <= now) s.blocked.delete(address);
  }
  return s;
}

/** Seconds until the address may try again, or 0 when it is not blocked. */
export function invalidKeyWait(address: string, now: number): number {
  const until = current(now).blocked.get(address);
  return until === undefined || until <= now ? 0 : Math.ceil((until - now) / 1000);
}

// A blocked address's answers are held back a second (at most TARPIT_MAX at a time): a flood
// on a fixed set of connections then slows to one request a second per connection, instead of
// taking the CPU that other clients' requests need. Past the cap, the answer goes at once and
// the connection is closed.
const TARPIT_MS = 1_000;
const TARPIT_MAX = 2_000;
let held = 0;

export function tarpit(send: (close: boolean) => void): void {
  if (held >= TARPIT_MAX) {
    send(true);
    return;
  }
  held++;
  setTimeout(() => {
    held--;
    send(false);
  }, TARPIT_MS).unref();
}

export function countInvalidKey(address: string, now: number): void {
  const { counts, blocked } = current(now);
  const count = (counts.get(address) ?? 0) + 1;
  if (count === 1 && counts.size >= ADDRESSES_MAX) return;
  counts.set(address, count);
  if (count > env().INVALID_KEYS_PER_MINUTE && blocked.size < ADDRESSES_MAX) blocked.set(address, now + MINUTE_MS);
}
