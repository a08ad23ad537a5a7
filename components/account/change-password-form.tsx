"use client";

import { startTransition, useActionState, type FormEvent } from "react";
import { changePassword } from "@/app/(auth)/actions";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";

export function ChangePasswordForm() {
  const [state, submit, pending] = useActionState(changePassword, null);
  const errors = state && !state.ok ? state.errors : undefined;
  // method="post" below: unhydrated, a GET submission would put both passwords in the URL.
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(() => submit(form));
  }
  return (
    <form method="post" onSubmit={onSubmit} className="max-w-sm space-y-4" noValidate>
      <TextField name="currentPassword" label="Current password" type="password" autoComplete="current-password" errors={errors?.currentPassword} />
      <TextField name="newPassword" label="New password" type="password" autoComplete="new-password" hint="At least 10 characters." errors={errors?.newPassword} />
      <div aria-live="assertive">{state && !state.ok && !errors ? <p className="rounded-md bg-red-50 p-3 text-sm text-red-800">{state.message}</p> : null}</div>
      <Button type="submit" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
