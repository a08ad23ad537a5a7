"use client";
// Requests over time, stacked by outcome. recharts draws SVG in the browser (no network, no
// <style> element); its accessibility layer makes the chart one tab stop whose tooltip the
// arrow keys move from point to point.
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK, chartFrame, GRID } from "@/components/charts/chart-frame";
import { ChartTooltip } from "@/components/charts/chart-tooltip";
import { legendText } from "@/components/charts/legend-text";
import { outcomeStyle } from "@/lib/dashboard/outcomes";

export type StackedPoint = { label: string } & Record<string, number | string>;

export function TrafficChart({ data, outcomes, name }: { data: StackedPoint[]; outcomes: string[]; name: string }) {
  return (
    <BarChart data={data} {...chartFrame(name)}>
      <CartesianGrid {...GRID} />
      <XAxis dataKey="label" tick={AXIS_TICK} minTickGap={16} />
      <YAxis allowDecimals={false} tick={AXIS_TICK} width={48} />
      <Tooltip cursor={{ fill: "#f4f4f5" }} content={<ChartTooltip format={(v) => (v ?? 0).toLocaleString("en-US")} />} />
      <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendText} />
      {outcomes.map((o) => {
        const style = outcomeStyle(o);
        return <Bar key={o} dataKey={o} name={style.label} stackId="requests" fill={style.color} isAnimationActive={false} />;
      })}
    </BarChart>
  );
}
