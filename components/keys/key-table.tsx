import Link from "next/link";
import { DeleteKeyDialog } from "@/components/keys/delete-key-dialog";
import { EditKeyDialog } from "@/components/keys/edit-key-dialog";
import { ExpiryNote } from "@/components/keys/expiry-note";
import type { RatePolicy } from "@/components/keys/key-fields";
import { KeyStatusSwitch } from "@/components/keys/key-status-switch";
import { LocalTime } from "@/components/ui/local-time";
import { ScrollTable, TableHead } from "@/components/ui/scroll-table";
import type { KeyListItem } from "@/db/queries/keys";
import { maskKey } from "@/lib/keys/format";
import { formatRate } from "@/lib/plans/format";

const td = "px-4 py-3 align-top";

export function KeyTable({ keys, policy }: { keys: KeyListItem[]; policy: RatePolicy }) {
  const now = new Date();
  return (
    <ScrollTable label="API auth keys table" minWidth="min-w-[760px]">
      <TableHead columns={["Key Name", "Last Used", "API Auth Key", "Date Created", "Status"]} />
      <tbody className="divide-y divide-zinc-100">
        {keys.map((key) => (
          <tr key={key.id} data-key-id={key.id}>
            <th scope="row" className={`${td} max-w-64 text-left font-semibold`}>
              <Link href={`/keys/${key.id}`} className="break-words underline-offset-2 hover:underline">
                {key.name}
              </Link>
              {key.description ? (
                <p className="mt-0.5 line-clamp-2 break-words text-sm font-normal text-zinc-500" title={key.description}>
                  {key.description}
                </p>
              ) : null}
              <p className="mt-0.5 text-xs font-normal text-zinc-500">
                {key.rateLimitPerMinute === null ? "No rate limit" : `Rate limit: ${formatRate(key.rateLimitPerMinute)}`}
              </p>
            </th>
            <td className={`${td} whitespace-nowrap text-zinc-700`}>
              {key.lastUsedAt ? <LocalTime iso={key.lastUsedAt.toISOString()} mode="relative" /> : "Never"}
            </td>
            <td className={td}>
              <code className="whitespace-nowrap rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-sm">{maskKey(key.start)}</code>
            </td>
            <td className={`${td} whitespace-nowrap text-zinc-700`}>
              <LocalTime iso={key.createdAt.toISOString()} mode="date" />
            </td>
            <td className={td}>
              <div className="flex items-center justify-between gap-3">
                <KeyStatusSwitch id={key.id} name={key.name} active={key.active} />
                <span className="flex">
                  <EditKeyDialog apiKey={key} policy={policy} />
                  <DeleteKeyDialog id={key.id} name={key.name} />
                </span>
              </div>
              <div className="mt-1 flex flex-wrap gap-x-2 gap-y-1">
                <ExpiryNote expiresAt={key.expiresAt} now={now} />
                {key.graceUntil ? <span className="text-xs text-zinc-500">Rolled: the old secret still works</span> : null}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
