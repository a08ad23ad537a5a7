"use client";

import { NEW_PASSWORD_HINT } from "@/components/account/credentials-form";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { changePasswordAction } from "@/lib/actions/account";

export function ChangePasswordForm() {
  const { ref, formAction, pending, errors, message, onSubmit } = useActionForm(changePasswordAction);
  return (
    <form ref={ref} action={formAction} onSubmit={onSubmit} className="max-w-sm space-y-4" noValidate>
      <TextField name="currentPassword" label="Current password" type="password" autoComplete="current-password" errors={errors?.currentPassword} />
      <TextField name="newPassword" label="New password" type="password" autoComplete="new-password" hint={NEW_PASSWORD_HINT} errors={errors?.newPassword} />
      <FormMessage message={message} />
      <Button type="submit" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
