import { LocalTime } from "@/components/ui/local-time";
import type { SourceSummary } from "@/db/queries/key-insight";
import { formatCount } from "@/lib/dashboard/format";

const NEW_MS = 24 * 3600_000;
const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-zinc-500";

function SourceTable({ kind, title, rows, distinct, now }: { kind: "ip" | "agent"; title: string; rows: SourceSummary[]; distinct: number; now: number }) {
  return (
    <div className="min-w-0">
      <h3 className="font-semibold">
        {title} <span className="font-normal text-zinc-500">({formatCount(distinct)})</span>
      </h3>
      {rows.length === 0 ? (
        <p className="mt-1 text-sm text-zinc-600">None in the last 7 days.</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be reachable by keyboard (axe: scrollable-region-focusable)
        <section aria-label={`${title} of this key`} tabIndex={0} className="mt-2 overflow-x-auto rounded border border-zinc-200">
          <table className="w-full min-w-[520px] text-sm">
            <thead className="bg-zinc-50">
              <tr>
                <th scope="col" className={th}>
                  {kind === "ip" ? "Address" : "User agent"}
                </th>
                <th scope="col" className={th}>
                  First seen
                </th>
                <th scope="col" className={th}>
                  Last seen
                </th>
                <th scope="col" className={`${th} text-right`}>
                  Requests (7 d)
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {rows.map((s) => {
                const fresh = now - s.firstSeen.getTime() < NEW_MS;
                return (
                  <tr key={s.value} data-source={s.value}>
                    <th scope="row" className="max-w-64 break-all px-3 py-2 text-left font-mono text-xs font-normal">
                      {s.value}
                      {fresh ? <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 font-sans text-xs font-semibold text-amber-900">New</span> : null}
                    </th>
                    <td className="whitespace-nowrap px-3 py-2 text-zinc-700">
                      <LocalTime iso={s.firstSeen.toISOString()} mode="relative" />
                    </td>
                    <td className="whitespace-nowrap px-3 py-2 text-zinc-700">
                      <LocalTime iso={s.lastSeen.toISOString()} mode="relative" />
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">{formatCount(s.requests)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}

/** Who calls the key: addresses and user agents of the last 7 days; one first seen within 24 hours is marked New. */
export function KeySources({ sources, distinct, now }: { sources: SourceSummary[]; distinct: Record<"ip" | "agent", number>; now: number }) {
  return (
    <section aria-labelledby="sources-heading" className="min-w-0 rounded-lg border border-zinc-200 bg-white p-5">
      <h2 id="sources-heading" className="text-lg font-semibold">
        Sources
      </h2>
      <p className="mt-0.5 text-sm text-zinc-600">
        Who called this key in the last 7 days. A source first seen in the last 24 hours is marked <strong>New</strong>: a key used from somewhere unexpected
        may have leaked.
      </p>
      <div className="mt-4 space-y-6">
        <SourceTable kind="ip" title="Client addresses" rows={sources.filter((s) => s.kind === "ip")} distinct={distinct.ip} now={now} />
        <SourceTable kind="agent" title="User agents" rows={sources.filter((s) => s.kind === "agent")} distinct={distinct.agent} now={now} />
      </div>
    </section>
  );
}
