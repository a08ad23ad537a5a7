// A chart with its text alternatives: a heading that names it, a line that says how to read
// it by keyboard, and a "Show as table" toggle with the same numbers. <details> needs no
// script, so the table is there even where the chart (drawn in the browser) is not.
import type { ReactNode } from "react";

type Props = { id: string; title: string; summary?: ReactNode; chart: ReactNode; table: ReactNode };

export function ChartCard({ id, title, summary, chart, table }: Props) {
  return (
    <section aria-labelledby={`${id}-heading`} className="min-w-0 rounded-lg border border-zinc-200 bg-white p-5">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {title}
      </h2>
      {summary ? <p className="mt-0.5 text-sm text-zinc-600">{summary}</p> : null}
      <div className="mt-3 h-64">{chart}</div>
      <details className="group mt-3">
        <summary className="cursor-pointer text-sm font-semibold text-zinc-700 underline-offset-2 hover:underline">
          <span className="group-open:hidden">Show as table</span>
          <span className="hidden group-open:inline">Hide table</span>
        </summary>
        <div className="mt-2">{table}</div>
      </details>
    </section>
  );
}

/** A compact numeric table for a chart's "Show as table". */
export function DataTable({ label, columns, rows }: { label: string; columns: string[]; rows: (string | number)[][] }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be reachable by keyboard (axe: scrollable-region-focusable)
    <section aria-label={label} tabIndex={0} className="max-h-80 overflow-auto rounded border border-zinc-200">
      <table className="w-full text-sm tabular-nums">
        <thead className="sticky top-0 bg-zinc-50">
          <tr>
            {columns.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed for a table's life; names may repeat (a deleted key's)
              <th key={i} scope="col" className={`px-3 py-2 font-semibold text-zinc-600 ${i === 0 ? "text-left" : "text-right"}`}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {rows.map((cells) => (
            <tr key={String(cells[0])}>
              {cells.map((cell, i) =>
                i === 0 ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells of a fixed set of columns
                  <th key={i} scope="row" className="whitespace-nowrap px-3 py-1.5 text-left font-normal">
                    {cell}
                  </th>
                ) : (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells of a fixed set of columns
                  <td key={i} className="px-3 py-1.5 text-right">
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
