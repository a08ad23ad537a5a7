import { LocalTime } from "@/components/ui/local-time";
import type { LastCaller as Caller } from "@/db/queries/key-insight";

export function LastCaller({ caller }: { caller: Caller | null }) {
  return (
    <section aria-labelledby="caller-heading" className="min-w-0 rounded-lg border border-zinc-200 bg-white p-5">
      <h2 id="caller-heading" className="text-lg font-semibold">
        Last caller
      </h2>
      {caller ? (
        <dl className="mt-2 grid grid-cols-[7rem_1fr] gap-x-3 gap-y-1.5 text-[15px]">
          <dt className="text-sm font-semibold text-zinc-600">When</dt>
          <dd>
            <LocalTime iso={caller.createdAt.toISOString()} mode="relative" />
          </dd>
          <dt className="text-sm font-semibold text-zinc-600">Client IP</dt>
          <dd className="font-mono text-sm">{caller.clientIp ?? "unknown"}</dd>
          <dt className="text-sm font-semibold text-zinc-600">User agent</dt>
          <dd className="break-all font-mono text-sm">{caller.userAgent ?? "none sent"}</dd>
        </dl>
      ) : (
        <p className="mt-2 text-sm text-zinc-600">This key has not been used yet.</p>
      )}
    </section>
  );
}
