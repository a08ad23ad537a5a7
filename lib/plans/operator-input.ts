// The plans script's options, checked: whole numbers or "unlimited", and a plan whose
// default rate does not exceed its maximum. Bad input is refused with a clear message.
import type { PlanEdit } from "@/db/queries/plans";
import type { Plan } from "@/db/schema";

export class PlanInputError extends Error {}

function limit(name: string, value: string | undefined, allowUnlimited = true): number | null | undefined {
  if (value === undefined) return undefined;
  if (allowUnlimited && value.toLowerCase() === "unlimited") return null;
  if (!/^\d{1,12}$/.test(value) || Number(value) < (allowUnlimited ? 1 : 0)) {
    throw new PlanInputError(`--${name} wants a whole number${allowUnlimited ? " of 1 or more, or unlimited" : ""}; got "${value}"`);
  }
  return Number(value);
}

type Options = Partial<Record<"name" | "price-cents" | "quota" | "rate" | "max-rate" | "keys" | "self-serve", string>>;

export function parsePlanEdit(options: Options, current: Plan): PlanEdit {
  const edit: PlanEdit = {};
  if (options.name !== undefined) {
    if (!options.name.trim() || options.name.length > 64) throw new PlanInputError("--name wants 1 to 64 characters");
    edit.name = options.name.trim();
  }
  const fields = [
    ["price-cents", "priceCents", false],
    ["quota", "monthlyQuota", true],
    ["rate", "defaultRatePerMinute", true],
    ["max-rate", "maxRatePerMinute", true],
    ["keys", "maxKeys", true],
  ] as const;
  for (const [option, field, unlimited] of fields) {
    const value = limit(option, options[option], unlimited);
    if (value !== undefined) (edit as Record<string, number | null>)[field] = value;
  }
  if (options["self-serve"] !== undefined) {
    if (!["yes", "no"].includes(options["self-serve"])) throw new PlanInputError(`--self-serve wants yes or no; got "${options["self-serve"]}"`);
    edit.selfServe = options["self-serve"] === "yes";
  }
  const rate = edit.defaultRatePerMinute !== undefined ? edit.defaultRatePerMinute : current.defaultRatePerMinute;
  const max = edit.maxRatePerMinute !== undefined ? edit.maxRatePerMinute : current.maxRatePerMinute;
  if (max !== null && (rate === null || rate > max))
    throw new PlanInputError(`the default rate (${rate ?? "unlimited"}) cannot exceed the maximum rate (${max})`);
  return edit;
}
