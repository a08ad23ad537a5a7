// Known traffic, written through the gateway's own batched writer (recordRequest + flushUsage):
// the same rows, rollups and sources a running gateway would write, without depending on
// which gateway code path produces each outcome.
import type { RequestRow } from "@/db/queries/usage";
import { flushUsage, recordRequest } from "@/lib/gateway/usage";

export type Call = { keyId: string; status: number; refusal?: string; latencyMs: number; at: Date; path?: string; ip?: string; agent?: string };

export async function writeTraffic(ownerId: string, calls: Call[]): Promise<void> {
  for (const c of calls) {
    const row: RequestRow = {
      ownerId,
      keyId: c.keyId,
      method: "GET",
      path: c.path ?? "/api/gateway/whoami",
      status: c.status,
      latencyMs: c.latencyMs,
      clientIp: c.ip ?? "192.0.2.10",
      refusal: c.refusal ?? null,
      userAgent: c.agent ?? "traffic-test/1",
      createdAt: c.at,
    };
    recordRequest(row);
  }
  await flushUsage();
}

/** The nearest-rank percentile of the latencies, as the charts estimate it. */
export function exactPercentile(latencies: number[], p: number): number {
  const sorted = [...latencies].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1];
}

/**
 * A fixed mix over two keys within the last hour: per outcome, how many, and latencies spread
 * over several buckets. `busy` gets 3 of every 4 calls.
 */
export function knownMix(busy: string, quiet: string, now = Date.now()): Call[] {
  const plan: [number, string | undefined, number][] = [
    [200, undefined, 60],
    [404, undefined, 10],
    [502, undefined, 5],
    [403, "key_disabled", 4],
    [401, "key_expired", 3],
    [429, "rate_limited", 8],
    [429, "quota_exceeded", 2],
  ];
  const calls: Call[] = [];
  let n = 0;
  for (const [status, refusal, count] of plan) {
    for (let i = 0; i < count; i++, n++) {
      calls.push({ keyId: n % 4 === 3 ? quiet : busy, status, refusal, latencyMs: (n * 53) % 700, at: new Date(now - 40 * 60_000 + n * 10_000) });
    }
  }
  return calls;
}
