// A flush's worth of usage, built the way the batched writer builds it: for tests (and the
// flush-cost bench) that call writeUsage directly.
import type { RequestRow, UsageBatch } from "@/db/queries/usage";
import { rollUp } from "@/lib/request-log/rollup";
import { RowBuffer } from "@/lib/request-log/row-buffer";

export function usageBatch(lastUses: { keyId: string; at: Date }[], rows: RequestRow[]): UsageBatch {
  const log = new RowBuffer();
  for (const row of rows) log.add(row);
  return {
    lastUses: lastUses.map((u) => ({ ...u, currentAt: u.at, previousAt: null })),
    log: log.take(),
    ...rollUp(rows),
    accounts: [],
  };
}
