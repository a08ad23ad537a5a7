import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { EmptyDashboard } from "@/components/dashboard/empty-dashboard";
import { RangePicker } from "@/components/dashboard/range-picker";
import { StatTiles } from "@/components/dashboard/stat-tiles";
import { TopKeys } from "@/components/dashboard/top-keys";
import { TrafficCharts } from "@/components/dashboard/traffic-charts";
import { planOf, usedThisPeriod } from "@/db/queries/plans";
import { accountRollups, hasTraffic, topKeys } from "@/db/queries/traffic";
import { requireUser } from "@/lib/auth";
import { RANGES, rangeWindow } from "@/lib/dashboard/ranges";
import { sparkline, summarize } from "@/lib/dashboard/series";
import { periodEnd, periodOf } from "@/lib/limits/period";
import { requestOrigin } from "@/lib/request-origin";
import { trafficRangeSchema } from "@/lib/validation";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const { range } = trafficRangeSchema.parse(await searchParams);
  const now = new Date();
  const window = rangeWindow(range, now);
  const [rows, top, plan, used] = await Promise.all([
    accountRollups(user.id, window.grain, window.from),
    topKeys(user.id, window.grain, window.from),
    planOf(user.id),
    usedThisPeriod(user.id, periodOf(now)),
  ]);
  const summary = summarize(rows, window);
  const { label } = RANGES[range];
  const keys = top.keys.map((k) => ({
    ...k,
    trend: sparkline(
      top.buckets.filter((b) => b.keyId === k.id),
      window,
    ),
  }));
  return (
    <>
      <div className="mb-6 flex flex-wrap items-end justify-between gap-3">
        <PageHeader title="Dashboard" intro="Your gateway traffic at a glance: every request made with one of your keys." />
        <div className="mb-6">
          <RangePicker current={range} path="/dashboard" />
        </div>
      </div>
      <StatTiles summary={summary} rangeLabel={label} quota={{ used, quota: plan.monthlyQuota, resetsAt: periodEnd(now) }} />
      <div className="mt-4 space-y-4">
        {summary.total === 0 ? (
          <EmptyDashboard origin={await requestOrigin()} everUsed={await hasTraffic(user.id)} />
        ) : (
          <>
            <TrafficCharts summary={summary} stepMs={window.stepMs} rangeLabel={label} idPrefix="account" subject="all your keys" />
            <TopKeys keys={keys} points={summary.points.map((p) => p.at)} stepMs={window.stepMs} rangeLabel={label} />
          </>
        )}
      </div>
    </>
  );
}
