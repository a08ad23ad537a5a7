import { EXPIRY_WARNING_MS } from "@/lib/keys/expiry";

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

function inWords(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return relative.format(Math.max(1, minutes), "minute");
  const hours = Math.round(minutes / 60);
  if (hours < 48) return relative.format(hours, "hour");
  return relative.format(Math.round(hours / 24), "day");
}

/** "Expired", or "Expires in 3 days" (marked when it is within 7 days); nothing for keys that never expire. */
export function ExpiryNote({ expiresAt, now = new Date() }: { expiresAt: Date | null; now?: Date }) {
  if (!expiresAt) return null;
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return <span className="rounded bg-red-50 px-1.5 py-0.5 text-xs font-semibold text-red-800">Expired</span>;
  const soon = left <= EXPIRY_WARNING_MS;
  return (
    <span className={soon ? "rounded bg-amber-50 px-1.5 py-0.5 text-xs font-semibold text-amber-900" : "text-xs text-zinc-500"} title={expiresAt.toISOString()}>
      Expires {inWords(left)}
    </span>
  );
}
