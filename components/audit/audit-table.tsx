import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import { ScrollTable, TableHead } from "@/components/ui/scroll-table";
import type { AuditEntry } from "@/db/schema";

const td = "px-4 py-2.5 align-top";

const EVENTS: Record<string, string> = {
  "key.created": "Key created",
  "key.renamed": "Renamed",
  "key.description_changed": "Description changed",
  "key.rate_limit_changed": "Rate limit changed",
  "key.edited": "Edited",
  "key.switched_on": "Switched on",
  "key.switched_off": "Switched off",
  "key.expiry_set": "Expiry set",
  "key.renewed": "Renewed",
  "key.expired": "Expired",
  "key.rolled": "Rolled (new secret)",
  "key.grace_ended": "Old secret's grace ended",
  "key.deleted": "Deleted",
  "account.signed_in": "Signed in",
  "account.sign_in_failed": "Sign-in failed",
  "account.signed_out": "Signed out",
  "account.password_changed": "Password changed",
  "account.plan_changed": "Plan changed",
};
const ACTORS: Record<string, string> = { you: "You", operator: "Operator", gatehouse: "Gatehouse" };
const GRACE_REASONS: Record<string, string> = { deadline: "its time ran out", quiet: "it went quiet while the new secret was in use" };

const FIELDS: Record<string, string> = {
  name: "Name",
  description: "Description",
  rateLimit: "Rate limit",
  expiresAt: "Expires",
  graceUntil: "Old secret works until",
  start: "Secret",
  plan: "Plan",
  active: "Active",
  earlierGraceEnded: "Earlier old secret stopped",
};
const utc = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const ISO = /^\d{4}-\d\d-\d\dT[\d:.]+Z$/;

function show(v: unknown): string {
  if (v === null || v === undefined || v === "") return "none";
  if (typeof v === "string" && ISO.test(v)) return `${utc.format(new Date(v))} UTC`;
  if (typeof v === "string" && v.startsWith("gtw_live_")) return `${v}…`; // a key's start, never the key
  return v instanceof Object ? JSON.stringify(v) : String(v);
}

/** What changed, old → new; never a secret (entries hold key starts, not keys). */
function describe(entry: AuditEntry): string {
  const changes = entry.changes ?? {};
  if (entry.action === "key.grace_ended") return `Because ${GRACE_REASONS[String(changes.reason)] ?? String(changes.reason)}.`;
  return Object.entries(changes)
    .map(([field, value]) => `${FIELDS[field] ?? field}: ${Array.isArray(value) && value.length === 2 ? `${show(value[0])} → ${show(value[1])}` : show(value)}`)
    .join("; ");
}

export function AuditTable({ entries, label, keyLinks = false }: { entries: AuditEntry[]; label: string; keyLinks?: boolean }) {
  return (
    <ScrollTable label={label} minWidth="min-w-[860px]">
      <TableHead columns={["Time", "Event", "By", "What changed", "IP", "User agent"]} />
      <tbody className="divide-y divide-zinc-100">
        {entries.map((e) => (
          <tr key={`${e.id}`}>
            <td className={`${td} whitespace-nowrap text-zinc-700`}>
              <LocalTime iso={e.createdAt.toISOString()} mode="relative" />
            </td>
            <td className={`${td} font-semibold`}>
              {keyLinks && e.keyId ? <Link href={`/keys/${e.keyId}`}>{EVENTS[e.action] ?? e.action}</Link> : (EVENTS[e.action] ?? e.action)}
            </td>
            <td className={td}>{ACTORS[e.actor] ?? e.actor}</td>
            <td className={`${td} max-w-80 break-words text-sm`}>{describe(e)}</td>
            <td className={`${td} font-mono text-sm text-zinc-600`}>{e.ip ?? "—"}</td>
            <td className={`${td} max-w-56 truncate text-sm text-zinc-600`} title={e.userAgent ?? undefined}>
              {e.userAgent ?? "—"}
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
