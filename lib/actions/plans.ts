"use server";
// The Subscription page's one action: switching to another self-serve plan.
import { revalidatePath } from "next/cache";
import { switchToPlan } from "@/lib/plans/service";
import { formAction } from "@/lib/user-action";
import { switchPlanSchema } from "@/lib/validation";

export const switchPlanAction = formAction(switchPlanSchema, async ({ planId }, user) => {
  const outcome = await switchToPlan(user, planId);
  if (outcome.ok) revalidatePath("/", "layout"); // the plan shows on Subscription and in the key dialogs
  return outcome;
});
