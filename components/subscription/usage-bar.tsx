import { formatCount } from "@/lib/plans/format";

const day = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });

/** Requests this month against the quota, and when it resets (the first of the month, UTC). */
export function UsageBar({ used, quota, resetsAt }: { used: number; quota: number | null; resetsAt: Date }) {
  const percent = quota ? Math.min(100, Math.round((used / quota) * 1000) / 10) : null;
  const tone = percent === null || percent < 80 ? "bg-emerald-600" : percent < 100 ? "bg-amber-500" : "bg-red-600";
  return (
    <section aria-labelledby="usage-heading" className="rounded-lg border border-zinc-200 bg-white p-5">
      <h2 id="usage-heading" className="text-lg font-semibold">
        Usage this month
      </h2>
      <p className="mt-1 text-[15px] text-zinc-700">
        <span className="font-semibold">{formatCount(used)}</span>
        {quota === null ? " requests (no monthly quota)" : ` of ${formatCount(quota)} requests`}
        {percent === null ? null : <span className="text-zinc-500"> · {percent}%</span>}
      </p>
      {quota === null ? null : (
        <div
          role="progressbar"
          aria-label="Requests used this month"
          aria-valuemin={0}
          aria-valuemax={quota}
          aria-valuenow={Math.min(used, quota)}
          aria-valuetext={`${formatCount(used)} of ${formatCount(quota)} (${percent}%)`}
          className="mt-3 h-3 overflow-hidden rounded-full bg-zinc-200"
        >
          <div className={`h-full ${tone}`} style={{ width: `${percent}%` }} />
        </div>
      )}
      <p className="mt-2 text-sm text-zinc-600">Resets on {day.format(resetsAt)} (UTC). Refused requests do not count.</p>
    </section>
  );
}
