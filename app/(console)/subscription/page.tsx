import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { PlanHistory } from "@/components/subscription/plan-history";
import { PlanSwitcher } from "@/components/subscription/plan-switcher";
import { UsageBar } from "@/components/subscription/usage-bar";
import { countLiveKeys } from "@/db/queries/keys";
import { listPlans, planHistory, planOf, usedThisPeriod } from "@/db/queries/plans";
import { requireUser } from "@/lib/auth";
import { periodEnd, periodOf } from "@/lib/limits/period";
import { describeRates, formatCount, formatPrice } from "@/lib/plans/format";

export const metadata: Metadata = { title: "Subscription" };

export default async function SubscriptionPage() {
  const user = await requireUser();
  const now = new Date();
  const [plan, plans, used, history, keys] = await Promise.all([
    planOf(user.id),
    listPlans(),
    usedThisPeriod(user.id, periodOf(now)),
    planHistory(user.id),
    countLiveKeys(user.id),
  ]);
  return (
    <>
      <PageHeader
        title="Subscription"
        intro="Your plan sets how many requests your keys may make each month, how fast each key may go, and how many keys you can have."
      />
      <p className="mb-6 rounded-md border border-zinc-200 bg-zinc-100 p-3 text-sm text-zinc-700">
        Billing is not connected: switching plans takes effect at once and nothing is charged.
      </p>
      <div className="grid gap-4 lg:grid-cols-2">
        <section aria-labelledby="current-heading" className="rounded-lg border border-zinc-200 bg-white p-5">
          <h2 id="current-heading" className="text-lg font-semibold">
            Current plan: {plan.name} <span className="font-normal text-zinc-600">({formatPrice(plan)})</span>
          </h2>
          <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-[15px]">
            <dt className="text-zinc-600">Monthly quota</dt>
            <dd>{plan.monthlyQuota === null ? "Unlimited" : `${formatCount(plan.monthlyQuota)} requests`}</dd>
            <dt className="text-zinc-600">Rate per key</dt>
            <dd>{describeRates(plan)}</dd>
            <dt className="text-zinc-600">Keys</dt>
            <dd>
              {formatCount(keys)} of {formatCount(plan.maxKeys, "unlimited")}
              {plan.maxKeys !== null && keys >= plan.maxKeys ? <span className="text-amber-800"> · no new keys on this plan</span> : null}
            </dd>
          </dl>
        </section>
        <UsageBar used={used} quota={plan.monthlyQuota} resetsAt={periodEnd(now)} />
      </div>
      <h2 id="plans-heading" className="mb-3 mt-10 text-lg font-semibold">
        Plans
      </h2>
      <PlanSwitcher plans={plans} currentId={plan.id} />
      <h2 className="mb-3 mt-10 text-lg font-semibold">Plan history</h2>
      <PlanHistory rows={history} />
    </>
  );
}
