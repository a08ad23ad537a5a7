"use client";

import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/password-policy";
import type { Outcome } from "@/lib/user-action";

type Props = {
  action: (previous: Outcome | null, form: FormData) => Promise<Outcome>;
  submitLabel: string;
  pendingLabel: string;
  newPassword?: boolean;
  callbackUrl?: string;
};

export const NEW_PASSWORD_HINT = `At least ${PASSWORD_MIN} characters (up to ${PASSWORD_MAX}): a few unrelated words are easy to remember. Common passwords are refused.`;

/** Email and password, for both signing in and signing up. */
export function CredentialsForm({ action, submitLabel, pendingLabel, newPassword = false, callbackUrl }: Props) {
  const { ref, formAction, pending, errors, message, values, onSubmit } = useActionForm(action);
  // A new key after each refusal: the fields are refilled from `values` (never the password).
  return (
    <form ref={ref} action={formAction} onSubmit={onSubmit} className="space-y-4" noValidate>
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <TextField
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        required
        defaultValue={values.email ?? ""}
        key={`email-${values.email}`}
        errors={errors?.email}
      />
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete={newPassword ? "new-password" : "current-password"}
        required
        hint={newPassword ? NEW_PASSWORD_HINT : undefined}
        errors={errors?.password}
      />
      <FormMessage message={message} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? pendingLabel : submitLabel}
      </Button>
    </form>
  );
}
