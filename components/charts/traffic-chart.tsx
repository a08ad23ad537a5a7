"use client";
// Requests over time, stacked by outcome. recharts draws SVG in the browser (no network, no
// <style> element); its accessibility layer makes the chart one tab stop whose tooltip the
// arrow keys move from point to point.
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { ChartTooltip } from "@/components/charts/chart-tooltip";
import { legendText } from "@/components/charts/legend-text";
import { outcomeStyle } from "@/lib/dashboard/outcomes";

export type StackedPoint = { label: string } & Record<string, number | string>;

export function TrafficChart({ data, outcomes, name }: { data: StackedPoint[]; outcomes: string[]; name: string }) {
  return (
    <BarChart
      data={data}
      responsive
      style={{ width: "100%", height: "100%" }}
      aria-label={`${name}. Focus the chart and use the arrow keys to read each point.`}
      margin={{ top: 4, right: 8, bottom: 0, left: 0 }}
    >
      <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e4e4e7" />
      <XAxis dataKey="label" tick={{ fontSize: 12, fill: "#52525b" }} minTickGap={16} />
      <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: "#52525b" }} width={48} />
      <Tooltip cursor={{ fill: "#f4f4f5" }} content={<ChartTooltip format={(v) => (v ?? 0).toLocaleString("en-US")} />} />
      <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendText} />
      {outcomes.map((o) => {
        const style = outcomeStyle(o);
        return <Bar key={o} dataKey={o} name={style.label} stackId="requests" fill={style.color} isAnimationActive={false} />;
      })}
    </BarChart>
  );
}
