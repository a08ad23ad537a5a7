import { LocalTime } from "@/components/ui/local-time";
import { ScrollTable, TableHead } from "@/components/ui/scroll-table";
import type { RequestListItem } from "@/db/queries/requests";

const td = "px-4 py-2.5 align-top";
const tone = (status: number) => (status < 300 ? "bg-emerald-50 text-emerald-800" : status < 500 ? "bg-amber-50 text-amber-900" : "bg-red-50 text-red-800");

export function RequestTable({ rows }: { rows: RequestListItem[] }) {
  return (
    <ScrollTable label="Gateway requests table" minWidth="min-w-[900px]">
      <TableHead columns={["Time", "Key", "Method", "Path", "Status", "Refusal", "Latency", "Client IP"]} />
      <tbody className="divide-y divide-zinc-100">
        {rows.map((r) => (
          <tr key={r.id}>
            <td className={`${td} whitespace-nowrap text-zinc-700`}>
              <LocalTime iso={r.createdAt.toISOString()} mode="relative" />
            </td>
            <td className={`${td} font-semibold`}>{r.keyName}</td>
            <td className={`${td} font-mono text-sm`}>{r.method}</td>
            <td className={`${td} max-w-72 break-all font-mono text-sm`}>{r.path}</td>
            <td className={td}>
              <span className={`rounded px-1.5 py-0.5 font-mono text-sm ${tone(r.status)}`}>{r.status}</span>
            </td>
            <td className={`${td} font-mono text-sm text-zinc-600`}>{r.refusal ?? ""}</td>
            <td className={`${td} whitespace-nowrap text-zinc-700`}>{r.latencyMs < 1 ? "< 1 ms" : `${r.latencyMs} ms`}</td>
            <td className={`${td} font-mono text-sm text-zinc-600`}>{r.clientIp ?? "—"}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
