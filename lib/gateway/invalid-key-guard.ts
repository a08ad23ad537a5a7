// Forged keys cost nothing to make (the checksum is public). Per client address, more than
// INVALID_KEYS_PER_MINUTE invalid_key/unknown_key refusals in a minute earn 429
// too_many_invalid_keys for the rest of that minute, decided in memory before any lookup.
import { env } from "@/lib/env";
import { processSingleton } from "@/lib/process-singleton";

// Counts for the current minute only; past this many addresses in one minute new ones are
// not counted (the memory stays bounded; the lookup cap and the unknown-key cache still hold).
const ADDRESSES_MAX = 100_000;
const MINUTE_MS = 60_000;

const state = () => processSingleton("invalidKeys", () => ({ minute: 0, counts: new Map<string, number>() }));

function current(now: number) {
  const s = state();
  const minute = Math.floor(now / MINUTE_MS);
  if (s.minute !== minute) {
    s.minute = minute;
    s.counts.clear();
  }
  return s;
}

/** Seconds until the address may try again, or 0 when it is not blocked. */
export function invalidKeyWait(address: string, now: number): number {
  const count = current(now).counts.get(address);
  if (count === undefined || count <= env().INVALID_KEYS_PER_MINUTE) return 0;
  return Math.ceil((MINUTE_MS - (now % MINUTE_MS)) / 1000);
}

export function countInvalidKey(address: string, now: number): void {
  const { counts } = current(now);
  const count = counts.get(address);
  if (count !== undefined) counts.set(address, count + 1);
  else if (counts.size < ADDRESSES_MAX) counts.set(address, 1);
}
