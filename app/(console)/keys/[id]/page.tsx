import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditTable } from "@/components/audit/audit-table";
import { PageHeader } from "@/components/console/page-header";
import { RangePicker } from "@/components/dashboard/range-picker";
import { TrafficCharts } from "@/components/dashboard/traffic-charts";
import { DeleteKeyDialog } from "@/components/keys/delete-key-dialog";
import { EditKeyDialog } from "@/components/keys/edit-key-dialog";
import { ExpiryForm } from "@/components/keys/expiry-form";
import { ExpiryNote } from "@/components/keys/expiry-note";
import { KeySources } from "@/components/keys/key-sources";
import { KeyStatusSwitch } from "@/components/keys/key-status-switch";
import { LastCaller } from "@/components/keys/last-caller";
import { RollKeyDialog } from "@/components/keys/roll-key-dialog";
import { RollState } from "@/components/keys/roll-state";
import { LocalTime } from "@/components/ui/local-time";
import { Pager } from "@/components/ui/pager";
import { listAudit } from "@/db/queries/audit";
import { keySourcesSince, lastCaller } from "@/db/queries/key-insight";
import { findKeyForOwner } from "@/db/queries/keys";
import { planOf } from "@/db/queries/plans";
import { keyRollups } from "@/db/queries/traffic";
import { requireUser } from "@/lib/auth";
import { formatCount, formatMs, formatPercent } from "@/lib/dashboard/format";
import { RANGES, rangeWindow } from "@/lib/dashboard/ranges";
import { summarize } from "@/lib/dashboard/series";
import { maskKey } from "@/lib/keys/format";
import { formatRate } from "@/lib/plans/format";
import { trafficRangeSchema } from "@/lib/validation";

export const metadata: Metadata = { title: "API auth key" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ after?: string; range?: string }> };

export default async function KeyDetailsPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const { id } = await params;
  const query = await searchParams;
  const { after } = query;
  const { range } = trafficRangeSchema.parse(query);
  const now = new Date();
  const window = rangeWindow(range, now);
  // Someone else's key, a deleted one and a malformed id all read as "not found".
  const key = /^[0-9a-f-]{36}$/i.test(id) ? await findKeyForOwner(user.id, id) : null;
  if (!key) notFound();
  const [plan, audit, rollups, caller, sources] = await Promise.all([
    planOf(user.id),
    listAudit(user.id, { keyId: key.id, after: typeof after === "string" ? after : undefined }),
    keyRollups(user.id, key.id, window.grain, window.from),
    lastCaller(user.id, key.id),
    keySourcesSince(user.id, key.id, 7, now),
  ]);
  const usage = summarize(rollups, window);
  const policy = { planName: plan.name, defaultRate: plan.defaultRatePerMinute, maxRate: plan.maxRatePerMinute };
  const expired = Boolean(key.expiresAt && key.expiresAt <= new Date());
  const fact = (term: string, value: React.ReactNode) => (
    <div className="grid grid-cols-[10rem_1fr] gap-3 py-2">
      <dt className="text-sm font-semibold text-zinc-600">{term}</dt>
      <dd className="min-w-0 break-words">{value}</dd>
    </div>
  );
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/keys" className="text-zinc-600 underline underline-offset-2">
          ← API auth keys
        </Link>
      </p>
      <PageHeader title={key.name} intro={key.description ?? undefined} />
      <div className="mb-8 flex flex-wrap items-center gap-3">
        <KeyStatusSwitch id={key.id} name={key.name} active={key.active} />
        <EditKeyDialog apiKey={key} policy={policy} />
        <RollKeyDialog id={key.id} name={key.name} />
        <DeleteKeyDialog id={key.id} name={key.name} after="/keys" />
      </div>
      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <section aria-labelledby="details-heading" className="rounded-lg border border-zinc-200 bg-white p-5">
          <h2 id="details-heading" className="text-lg font-semibold">
            Details
          </h2>
          <dl className="mt-2 divide-y divide-zinc-100">
            {fact("API Auth Key", <code className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-sm">{maskKey(key.start)}</code>)}
            {fact("Date Created", <LocalTime iso={key.createdAt.toISOString()} mode="date" />)}
            {fact("Last Used", key.lastUsedAt ? <LocalTime iso={key.lastUsedAt.toISOString()} mode="relative" /> : "Never")}
            {fact("Status", key.active ? (expired ? "On, but expired" : "Active") : "Switched off")}
            {fact("Rate limit", formatRate(key.rateLimitPerMinute))}
            {fact(
              "Expires",
              key.expiresAt ? (
                <span className="flex flex-wrap items-center gap-2">
                  <LocalTime iso={key.expiresAt.toISOString()} mode="exact" /> <ExpiryNote expiresAt={key.expiresAt} />
                </span>
              ) : (
                "Never"
              ),
            )}
            {fact("Roll", <RollState rollKey={key} />)}
          </dl>
        </section>
        <section aria-labelledby="expiry-heading" className="rounded-lg border border-zinc-200 bg-white p-5">
          <h2 id="expiry-heading" className="mb-3 text-lg font-semibold">
            {expired ? "Renew" : "Expiry"}
          </h2>
          <ExpiryForm id={key.id} expired={expired} expiresAt={key.expiresAt} />
        </section>
      </div>
      <div className="mb-3 mt-10 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="usage-heading" className="text-lg font-semibold">
            Usage
          </h2>
          <p className="text-sm text-zinc-600" data-testid="key-usage-summary">
            {RANGES[range].label}: {formatCount(usage.total)} requests, {formatPercent(usage.succeeded, usage.total)} success, p50 {formatMs(usage.p50)}, p99{" "}
            {formatMs(usage.p99)}.
          </p>
        </div>
        <RangePicker current={range} path={`/keys/${key.id}`} />
      </div>
      <TrafficCharts summary={usage} stepMs={window.stepMs} rangeLabel={RANGES[range].label} idPrefix="key" subject={`the key “${key.name}”`} />
      <div className="mt-4 grid items-start gap-4 lg:grid-cols-[2fr_3fr]">
        <LastCaller caller={caller} />
        <KeySources sources={sources.sources} distinct={sources.distinct} now={now.getTime()} />
      </div>
      <h2 className="mb-3 mt-10 text-lg font-semibold">History</h2>
      {audit.entries.length ? <AuditTable entries={audit.entries} label="Key history table" /> : <p className="text-sm text-zinc-600">No entries.</p>}
      <Pager
        label="History pages"
        previous={null}
        next={audit.next}
        first={after ? `/keys/${key.id}` : undefined}
        href={({ after: cursor }) => `/keys/${key.id}?after=${cursor ?? ""}`}
      />
    </>
  );
}
