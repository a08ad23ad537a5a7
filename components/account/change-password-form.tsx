"use client";

import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { changePasswordAction } from "@/lib/actions/account";

export function ChangePasswordForm() {
  const { ref, pending, errors, message, onSubmit } = useActionForm(changePasswordAction);
  // method="post": unhydrated, a GET submission would put both passwords in the URL.
  return (
    <form ref={ref} method="post" onSubmit={onSubmit} className="max-w-sm space-y-4" noValidate>
      <TextField name="currentPassword" label="Current password" type="password" autoComplete="current-password" errors={errors?.currentPassword} />
      <TextField
        name="newPassword"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters."
        errors={errors?.newPassword}
      />
      <FormMessage message={message} />
      <Button type="submit" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
