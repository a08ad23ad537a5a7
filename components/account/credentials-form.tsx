"use client";

import { startTransition, useActionState, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { Outcome } from "@/lib/user-action";

type Props = {
  action: (previous: Outcome | null, form: FormData) => Promise<Outcome>;
  submitLabel: string;
  pendingLabel: string;
  newPassword?: boolean;
  callbackUrl?: string;
};

/** Email and password, for both signing in and signing up. */
export function CredentialsForm({ action, submitLabel, pendingLabel, newPassword = false, callbackUrl }: Props) {
  const [state, submit, pending] = useActionState(action, null);
  const [email, setEmail] = useState("");
  const errors = state && !state.ok ? state.errors : undefined;

  // Submitted by hand rather than through <form action>, which would empty the fields after an error.
  // method="post": before hydration (or without JavaScript) the browser submits the form itself,
  // and the default GET would put the password in the URL, the history and access logs.
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(() => submit(form));
  }

  return (
    <form method="post" onSubmit={onSubmit} className="space-y-4" noValidate>
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <TextField name="email" label="Email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} errors={errors?.email} />
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete={newPassword ? "new-password" : "current-password"}
        required
        hint={newPassword ? "At least 10 characters." : undefined}
        errors={errors?.password}
      />
      <div aria-live="assertive">{state && !state.ok && !errors ? <p className="rounded-md bg-red-50 p-3 text-sm text-red-800">{state.message}</p> : null}</div>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? pendingLabel : submitLabel}
      </Button>
    </form>
  );
}
