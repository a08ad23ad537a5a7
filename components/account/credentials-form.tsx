"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
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
  const { ref, pending, errors, message, onSubmit } = useActionForm(action);
  const [email, setEmail] = useState("");

  // method="post": before hydration (or without JavaScript) the browser submits the form itself,
  // and the default GET would put the password in the URL, the history and access logs.
  return (
    <form ref={ref} method="post" onSubmit={onSubmit} className="space-y-4" noValidate>
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <TextField
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        errors={errors?.email}
      />
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete={newPassword ? "new-password" : "current-password"}
        required
        hint={newPassword ? "At least 10 characters." : undefined}
        errors={errors?.password}
      />
      <FormMessage message={message} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? pendingLabel : submitLabel}
      </Button>
    </form>
  );
}
