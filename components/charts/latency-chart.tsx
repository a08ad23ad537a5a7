"use client";
// p50 and p99 latency over time (from the rollups' histograms), one tab stop, arrow keys
// move the tooltip.
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK, chartFrame, GRID } from "@/components/charts/chart-frame";
import { ChartTooltip } from "@/components/charts/chart-tooltip";
import { legendText } from "@/components/charts/legend-text";
import { formatMs } from "@/lib/dashboard/format";

export type LatencyPoint = { label: string; p50: number | null; p99: number | null };

export function LatencyChart({ data, name }: { data: LatencyPoint[]; name: string }) {
  // A lone point draws no line: show the points themselves when there are few.
  const dots = data.filter((d) => d.p50 !== null).length < 3;
  return (
    <LineChart data={data} {...chartFrame(name)}>
      <CartesianGrid {...GRID} />
      <XAxis dataKey="label" tick={AXIS_TICK} minTickGap={16} />
      <YAxis tick={AXIS_TICK} width={56} tickFormatter={(v: number) => formatMs(v)} />
      <Tooltip content={<ChartTooltip format={formatMs} />} />
      <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendText} />
      <Line type="monotone" dataKey="p50" name="p50" stroke="#0e7490" strokeWidth={2} dot={dots} connectNulls isAnimationActive={false} />
      <Line type="monotone" dataKey="p99" name="p99" stroke="#b91c1c" strokeWidth={2} dot={dots} connectNulls isAnimationActive={false} />
    </LineChart>
  );
}
