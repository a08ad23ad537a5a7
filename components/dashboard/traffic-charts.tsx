// The two charts of a range (requests by outcome, p50/p99 latency), each with its table.
// Shared by the Dashboard and a key's page.
import { ChartCard, DataTable } from "@/components/charts/chart-card";
import { LatencyChart } from "@/components/charts/latency-chart";
import { TrafficChart } from "@/components/charts/traffic-chart";
import { formatCount, formatMs, formatPoint } from "@/lib/dashboard/format";
import { outcomeStyle } from "@/lib/dashboard/outcomes";
import type { TrafficSummary } from "@/lib/dashboard/series";

type Props = { summary: TrafficSummary; stepMs: number; rangeLabel: string; idPrefix: string; subject: string };

export function TrafficCharts({ summary, stepMs, rangeLabel, idPrefix, subject }: Props) {
  const labels = summary.points.map((p) => formatPoint(p.at, stepMs));
  const stacked = summary.points.map((p, i) => ({ label: labels[i], ...Object.fromEntries(summary.outcomes.map((o) => [o, p.counts[o] ?? 0])) }));
  const latency = summary.points.map((p, i) => ({ label: labels[i], p50: p.p50, p99: p.p99 }));
  const requestsName = `Requests over time by outcome for ${subject}, ${rangeLabel.toLowerCase()}`;
  const latencyName = `Latency p50 and p99 over time for ${subject}, ${rangeLabel.toLowerCase()}`;
  return (
    <div className="grid gap-4 xl:grid-cols-2">
      <ChartCard
        id={`${idPrefix}-requests`}
        title="Requests by outcome"
        summary={`${rangeLabel}, times in UTC. Refusals are the gateway's, by code.`}
        chart={<TrafficChart data={stacked} outcomes={summary.outcomes} name={requestsName} />}
        table={
          <DataTable
            label={`${requestsName}, as a table`}
            columns={["Time (UTC)", ...summary.outcomes.map((o) => outcomeStyle(o).label), "Total"]}
            rows={summary.points.map((p, i) => [labels[i], ...summary.outcomes.map((o) => formatCount(p.counts[o] ?? 0)), formatCount(p.total)])}
          />
        }
      />
      <ChartCard
        id={`${idPrefix}-latency`}
        title="Latency"
        summary={`p50 and p99 per point, ${rangeLabel.toLowerCase()}: each within one histogram bucket.`}
        chart={<LatencyChart data={latency} name={latencyName} />}
        table={
          <DataTable
            label={`${latencyName}, as a table`}
            columns={["Time (UTC)", "Requests", "p50", "p99"]}
            rows={summary.points.map((p, i) => [labels[i], formatCount(p.total), formatMs(p.p50), formatMs(p.p99)])}
          />
        }
      />
    </div>
  );
}
