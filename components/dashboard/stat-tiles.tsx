import { formatCount, formatMs, formatPercent } from "@/lib/dashboard/format";
import type { TrafficSummary } from "@/lib/dashboard/series";

type Quota = { used: number; quota: number | null; resetsAt: Date };
const resets = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

function Tile({ term, children, note, wide }: { term: string; children: React.ReactNode; note?: React.ReactNode; wide?: boolean }) {
  return (
    <div className={`rounded-lg border border-zinc-200 bg-white p-4 ${wide ? "col-span-2 lg:col-span-1" : ""}`}>
      <dt className="text-sm font-semibold text-zinc-600">{term}</dt>
      <dd className="mt-1 text-2xl font-bold tabular-nums tracking-tight">{children}</dd>
      {note ? <dd className="mt-0.5 text-xs text-zinc-500">{note}</dd> : null}
    </div>
  );
}

export function StatTiles({ summary, rangeLabel, quota }: { summary: TrafficSummary; rangeLabel: string; quota: Quota }) {
  const refused = summary.total - summary.succeeded;
  return (
    <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4" aria-label="Totals">
      <Tile term="Requests" note={rangeLabel}>
        {formatCount(summary.total)}
      </Tile>
      <Tile term="Success rate" note={`2xx and 3xx; ${formatCount(refused)} others`}>
        {formatPercent(summary.succeeded, summary.total)}
      </Tile>
      <Tile
        wide
        term="Quota this month"
        note={quota.quota === null ? "No monthly quota on your plan" : `of ${formatCount(quota.quota)}, resets ${resets.format(quota.resetsAt)}`}
      >
        {quota.quota === null ? formatCount(quota.used) : formatPercent(quota.used, quota.quota)}
      </Tile>
      <div className="col-span-2 rounded-lg border border-zinc-200 bg-white p-4 lg:col-span-1">
        <dt className="text-sm font-semibold text-zinc-600">Latency</dt>
        <dd className="mt-1">
          <dl className="grid grid-cols-3 gap-2 tabular-nums">
            {(
              [
                ["p50", summary.p50],
                ["p95", summary.p95],
                ["p99", summary.p99],
              ] as const
            ).map(([name, value]) => (
              <div key={name}>
                <dt className="text-xs font-semibold uppercase text-zinc-500">{name}</dt>
                <dd className="text-lg font-bold" data-percentile={name}>
                  {formatMs(value)}
                </dd>
              </div>
            ))}
          </dl>
        </dd>
      </div>
    </dl>
  );
}
