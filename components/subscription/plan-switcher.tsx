"use client";

import { Check } from "lucide-react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import type { Plan } from "@/db/schema";
import { switchPlanAction } from "@/lib/actions/plans";
import { describeRates, formatCount, formatPrice } from "@/lib/plans/format";

/** Every plan side by side; one form whose buttons each name a plan, so it works without JavaScript. */
export function PlanSwitcher({ plans, currentId }: { plans: Plan[]; currentId: string }) {
  const { ref, state, formAction, pending, message } = useActionForm(switchPlanAction);
  return (
    <form ref={ref} action={formAction} aria-labelledby="plans-heading">
      <div role="status" aria-live="polite">
        {state?.ok ? <p className="mb-4 rounded-md bg-emerald-50 p-3 text-sm text-emerald-800">{state.data.notice}</p> : null}
      </div>
      <FormMessage message={message} />
      <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
        {plans.map((plan) => {
          const current = plan.id === currentId;
          return (
            <li
              key={plan.id}
              className={`flex flex-col rounded-lg border bg-white p-5 ${current ? "border-zinc-950 ring-1 ring-zinc-950" : "border-zinc-200"}`}
            >
              <h3 className="text-lg font-semibold">{plan.name}</h3>
              <p className="text-2xl font-bold">{formatPrice(plan)}</p>
              <ul className="mt-3 flex-1 space-y-1.5 text-sm text-zinc-700">
                <li>
                  <strong>{formatCount(plan.monthlyQuota)}</strong> requests a month
                </li>
                <li>
                  <strong>{describeRates(plan)}</strong> per key
                </li>
                <li>
                  <strong>{formatCount(plan.maxKeys)}</strong> keys
                </li>
              </ul>
              <div className="mt-4">
                {current ? (
                  <p className="flex items-center gap-1 text-sm font-semibold text-zinc-900">
                    <Check size={16} aria-hidden /> Your plan
                  </p>
                ) : plan.selfServe ? (
                  <Button type="submit" name="planId" value={plan.id} variant="secondary" size="sm" disabled={pending}>
                    Switch to {plan.name}
                  </Button>
                ) : (
                  <p className="text-sm text-zinc-600">Set up by the operator.</p>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </form>
  );
}
