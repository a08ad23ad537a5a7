// A flush's worth of usage, built the way the batched writer builds it: for tests (and the
// flush-cost bench) that call writeUsage directly.
import { type RequestRow, requestRowJson, type UsageBatch } from "@/db/queries/usage";
import { rollUp } from "@/lib/request-log/rollup";

export function usageBatch(lastUses: { keyId: string; at: Date }[], rows: RequestRow[]): UsageBatch {
  return {
    lastUses: lastUses.map((u) => ({ ...u, currentAt: u.at, previousAt: null })),
    rows: rows.map(requestRowJson),
    ...rollUp(rows),
    accounts: [],
  };
}
