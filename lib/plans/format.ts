// How plans and their limits read on the page and in messages. A null limit is unlimited.
import type { Plan } from "@/db/schema";

const number = new Intl.NumberFormat("en-US");

export const formatCount = (n: number | null, unlimited = "Unlimited") => (n === null ? unlimited : number.format(n));

export const formatRate = (perMinute: number | null) => (perMinute === null ? "No rate limit" : `${number.format(perMinute)}/min`);

/** A plan's per-key rates in one phrase. */
export const describeRates = (plan: Pick<Plan, "defaultRatePerMinute" | "maxRatePerMinute">) =>
  plan.maxRatePerMinute === null && plan.defaultRatePerMinute === null
    ? "No rate limit"
    : `${formatRate(plan.defaultRatePerMinute)} by default, up to ${plan.maxRatePerMinute === null ? "any rate" : formatRate(plan.maxRatePerMinute)}`;

export const formatPrice = (plan: Pick<Plan, "priceCents">) => (plan.priceCents === 0 ? "$0" : `$${number.format(plan.priceCents / 100)}/month`);
