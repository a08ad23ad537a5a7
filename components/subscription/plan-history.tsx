import { LocalTime } from "@/components/ui/local-time";
import { ScrollTable, TableHead } from "@/components/ui/scroll-table";
import type { PlanHistoryItem } from "@/db/queries/plans";

const td = "px-4 py-2.5";
const WHO = { you: "You", operator: "The operator" } as Record<string, string>;

/** What the seed product calls Purchase History: every plan change, newest first. */
export function PlanHistory({ rows }: { rows: PlanHistoryItem[] }) {
  if (!rows.length) return <p className="text-sm text-zinc-600">No plan changes yet: every account starts on Free.</p>;
  return (
    <ScrollTable label="Plan history table" minWidth="min-w-[560px]">
      <TableHead columns={["Date", "From", "To", "Changed by"]} />
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
