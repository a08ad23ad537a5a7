"use client";
// A key's requests per point, drawn small beside its name. Hidden from assistive technology
// and the tab order: the same numbers are in the top keys' "Show as table".
import { Line, LineChart } from "recharts";

export function Sparkline({ values, color = "#0e7490" }: { values: number[]; color?: string }) {
  const data = values.map((v, i) => ({ i, v }));
  return (
    <div aria-hidden className="h-8 w-28">
      <LineChart data={data} responsive style={{ width: "100%", height: "100%" }} accessibilityLayer={false} margin={{ top: 2, right: 2, bottom: 2, left: 2 }}>
        <Line type="monotone" dataKey="v" stroke={color} strokeWidth={1.5} dot={false} isAnimationActive={false} />
      </LineChart>
    </div>
  );
}
