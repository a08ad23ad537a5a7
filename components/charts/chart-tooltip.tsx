"use client";
// The charts' tooltip: dark text with a colour swatch per series (recharts' own colours the
// words like the series, which fails text contrast for the lighter ones).
import type { TooltipContentProps } from "recharts";

type Props = Partial<TooltipContentProps<number, string>> & { format?: (value: number | null) => string };

export function ChartTooltip({ active, payload, label, format = (v) => String(v ?? "—") }: Props) {
  if (!active || !payload?.length) return null;
  return (
    <div className="rounded-md border border-zinc-200 bg-white px-3 py-2 text-xs text-zinc-800 shadow">
      <p className="mb-1 font-semibold">{label}</p>
      <ul className="space-y-0.5">
        {payload.map((item) => (
          <li key={String(item.dataKey)} className="flex items-center gap-2">
            <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: item.color }} />
            <span>{item.name}</span>
            <span className="ml-auto pl-3 font-semibold tabular-nums">{format(typeof item.value === "number" ? item.value : null)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
