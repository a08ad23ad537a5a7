"use client";

import { useState } from "react";
import { FormMessage, TextAreaField, TextField } from "@/components/ui/field";
import type { FieldErrors } from "@/components/ui/use-action-form";
import { formatRate } from "@/lib/plans/format";
import type { FormValues } from "@/lib/user-action";
import { KEY_DESCRIPTION_MAX, KEY_NAME_MAX } from "@/lib/validation";

/** What the account's plan says about per-key rates, for the field's hint. */
export type RatePolicy = { planName: string; defaultRate: number | null; maxRate: number | null };

type Props = { values: FormValues; errors?: FieldErrors; message: string | null; policy: RatePolicy; autoFocus?: boolean };

/** Key Name and Key Description (the seed's two fields), then the optional rate limit. */
export function KeyFields({ values, errors, message, policy, autoFocus }: Props) {
  const [nameLength, setNameLength] = useState(values.name?.trim().length ?? 0);
  const [descriptionLength, setDescriptionLength] = useState(values.description?.trim().length ?? 0);
  const limit = policy.maxRate === null ? "no maximum" : `at most ${formatRate(policy.maxRate)}`;
  return (
    <>
      <TextField
        name="name"
        label="Key Name"
        placeholder="e.g. Swaggy M."
        autoComplete="off"
        defaultValue={values.name}
        onChange={(e) => setNameLength(e.target.value.trim().length)}
        hint={`${nameLength}/${KEY_NAME_MAX} characters. Must be unique among your keys.`}
        errors={errors?.name}
        autoFocus={autoFocus}
      />
      <TextAreaField
        name="description"
        label="Key Description"
        optional
        placeholder="What is this key for?"
        defaultValue={values.description}
        onChange={(e) => setDescriptionLength(e.target.value.trim().length)}
        hint={`${descriptionLength}/${KEY_DESCRIPTION_MAX} characters.`}
        errors={errors?.description}
      />
      <TextField
        name="rateLimit"
        label="Rate limit (requests per minute)"
        optional
        inputMode="numeric"
        autoComplete="off"
        placeholder={policy.defaultRate === null ? "No limit" : String(policy.defaultRate)}
        defaultValue={values.rateLimit}
        hint={`Empty: your plan's default, ${formatRate(policy.defaultRate)}. ${policy.planName} allows ${limit} per key.`}
        errors={errors?.rateLimit}
      />
      <FormMessage message={message} />
    </>
  );
}
