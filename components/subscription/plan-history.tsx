import { LocalTime } from "@/components/ui/local-time";
import { ScrollTable } from "@/components/ui/scroll-table";
import type { PlanHistoryItem } from "@/db/queries/plans";

const th = "px-4 py-3 text-left text-xs font-semibold uppercase tracking-wide text-zinc-500";
const td = "px-4 py-2.5";
const WHO = { you: "You", operator: "The operator" } as Record<string, string>;

/** What the seed product calls Purchase History: every plan change, newest first. */
export function PlanHistory({ rows }: { rows: PlanHistoryItem[] }) {
  if (!rows.length) return <p className="text-sm text-zinc-600">No plan changes yet: every account starts on Free.</p>;
  return (
    <ScrollTable label="Plan history table" minWidth="min-w-[560px]">
      <thead className="border-b border-zinc-200 bg-zinc-50">
        <tr>
          {["Date", "From", "To", "Changed by"].map((h) => (
            <th key={h} scope="col" className={th}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-100">
        {rows.map((row) => (
          <tr key={row.id}>
            <td className={`${td} whitespace-nowrap text-zinc-700`}>
              <LocalTime iso={row.createdAt.toISOString()} mode="date" />
            </td>
            <td className={td}>{row.from ?? "—"}</td>
            <td className={`${td} font-semibold`}>{row.to}</td>
            <td className={td}>{WHO[row.changedBy] ?? row.changedBy}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
