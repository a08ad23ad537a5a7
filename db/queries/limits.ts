// Leases: an instance takes a block of tokens from a shared counter in one statement and
// spends them from memory (lib/limits). The counter never passes its limit; a partial block
// is granted when less than a block is left (the functions are in db/migrations/0005).
import { sqlClient } from "@/db/client";

export type Lease = { granted: number; leased: number };

/** Up to `want` of this minute's tokens for a key limited to `limit` per minute. */
export async function leaseKeyWindow(keyId: string, windowStart: Date, want: number, limit: number): Promise<Lease> {
  const [row] =
    await sqlClient()`select granted, leased from gatehouse_lease_key_window(${keyId}::uuid, ${windowStart.toISOString()}::timestamptz, ${want}::int, ${limit}::int)`;
  return { granted: Number(row.granted), leased: Number(row.leased) };
}

/** Up to `want` of this month's quota for an account. */
export async function leaseQuota(ownerId: string, period: string, want: number, quota: number): Promise<Lease> {
  const [row] = await sqlClient()`select granted, leased from gatehouse_lease_quota(${ownerId}::uuid, ${period}::date, ${want}::bigint, ${quota}::bigint)`;
  return { granted: Number(row.granted), leased: Number(row.leased) };
}

/** Tokens an instance leased and did not spend go back, so other instances can have them. */
export async function returnQuota(ownerId: string, period: string, tokens: number): Promise<void> {
  if (tokens > 0) await sqlClient()`update account_usage set leased = greatest(0, leased - ${tokens}) where owner_id = ${ownerId} and period = ${period}`;
}

/** Windows older than `before` are of no use to anyone. */
export async function pruneKeyWindows(before: Date): Promise<void> {
  await sqlClient()`delete from key_rate_windows where window_start < ${before.toISOString()}::timestamptz`;
}
