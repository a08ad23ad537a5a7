// Switching plans from the console: the rules around db/queries/plans.ts's switchPlan.
import { findPlan, switchPlan } from "@/db/queries/plans";
import { type Actor, auditBase } from "@/lib/audit";
import { formatRate } from "@/lib/plans/format";
import type { Outcome } from "@/lib/user-action";

export type Switched = { plan: string; notice: string };

/** Self-serve plans only; there is no payment provider, so it takes effect at once. */
export async function switchToPlan(user: Actor, planId: string): Promise<Outcome<Switched>> {
  const plan = await findPlan(planId);
  if (!plan) return { ok: false, message: "There is no such plan. Reload the page to see the current ones." };
  if (!plan.selfServe) return { ok: false, message: `${plan.name} is set up by the operator of this Gatehouse; ask them for it.` };
  const result = await switchPlan(plan.id, { ...auditBase(user), actor: "you" });
  if (!result) return { ok: false, message: `You are already on ${plan.name}.` };
  const lowered = result.loweredKeys
    ? ` ${result.loweredKeys === 1 ? "One key's rate limit was" : `${result.loweredKeys} keys' rate limits were`} above ${formatRate(plan.maxRatePerMinute)}, ${plan.name}'s maximum, and ${result.loweredKeys === 1 ? "was" : "were"} lowered to it.`
    : "";
  return { ok: true, data: { plan: plan.name, notice: `You are now on ${plan.name}.${lowered}` } };
}
