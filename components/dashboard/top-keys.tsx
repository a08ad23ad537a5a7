import Link from "next/link";
import { DataTable } from "@/components/charts/chart-card";
import { Sparkline } from "@/components/charts/sparkline";
import type { TopKey } from "@/db/queries/traffic";
import { formatCount, formatPercent, formatPoint } from "@/lib/dashboard/format";

type Props = { keys: (TopKey & { trend: number[] })[]; points: string[]; stepMs: number; rangeLabel: string };

export function TopKeys({ keys, points, stepMs, rangeLabel }: Props) {
  const labels = points.map((p) => formatPoint(p, stepMs));
  return (
    <section aria-labelledby="top-keys-heading" className="min-w-0 rounded-lg border border-zinc-200 bg-white p-5">
      <h2 id="top-keys-heading" className="text-lg font-semibold">
        Top keys
      </h2>
      <p className="mt-0.5 text-sm text-zinc-600">By requests, {rangeLabel.toLowerCase()}.</p>
      <table className="mt-3 w-full text-[15px]" aria-labelledby="top-keys-heading">
        <thead className="border-b border-zinc-200 text-left text-xs uppercase tracking-wide text-zinc-500">
          <tr>
            <th scope="col" className="py-2 pr-3 font-semibold">
              Key
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-semibold">
              Requests
            </th>
            <th scope="col" className="hidden py-2 pr-3 text-right font-semibold sm:table-cell">
              Success
            </th>
            <th scope="col" className="py-2 font-semibold">
              <span className="sr-only">Trend</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {keys.map((k) => (
            <tr key={k.id}>
              <th scope="row" className="max-w-48 break-words py-2 pr-3 text-left font-semibold">
                {k.deletedAt ? (
                  <span>
                    {k.name} <span className="font-normal text-zinc-500">(deleted)</span>
                  </span>
                ) : (
                  <Link href={`/keys/${k.id}`} className="underline-offset-2 hover:underline">
                    {k.name}
                  </Link>
                )}
              </th>
              <td className="py-2 pr-3 text-right tabular-nums">{formatCount(k.requests)}</td>
              <td className="hidden py-2 pr-3 text-right tabular-nums sm:table-cell">{formatPercent(k.succeeded, k.requests)}</td>
              <td className="py-2">
                <Sparkline values={k.trend} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <details className="group mt-3">
        <summary className="cursor-pointer text-sm font-semibold text-zinc-700 underline-offset-2 hover:underline">
          <span className="group-open:hidden">Show trends as table</span>
          <span className="hidden group-open:inline">Hide table</span>
        </summary>
        <div className="mt-2">
          <DataTable
            label="Top keys' requests per point, as a table"
            columns={["Time (UTC)", ...keys.map((k) => k.name)]}
            rows={labels.map((label, i) => [label, ...keys.map((k) => formatCount(k.trend[i]))])}
          />
        </div>
      </details>
    </section>
  );
}
