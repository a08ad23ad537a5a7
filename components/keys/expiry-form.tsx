"use client";

import { ExpiryFields } from "@/components/keys/expiry-fields";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { setKeyExpiryAction } from "@/lib/actions/keys";
import type { FormValues } from "@/lib/user-action";

/** Change when a key expires, or renew one that has (the same action; the audit log tells which). */
export function ExpiryForm({ id, expired, expiresAt }: { id: string; expired: boolean; expiresAt: Date | null }) {
  const { ref, state, formAction, pending, errors, message, values } = useActionForm(setKeyExpiryAction);
  // Starts from the key's own expiry (as a date), or from "never"; a refused form keeps what was typed.
  const current: FormValues =
    expiresAt && !expired ? { expires: "date", expiresOn: expiresAt.toISOString().slice(0, 10) } : { expires: expired ? "30" : "never" };
  const shown = state && !state.ok ? values : current;
  return (
    <form ref={ref} action={formAction} className="max-w-sm space-y-3">
      <input type="hidden" name="id" value={id} />
      <ExpiryFields values={shown} errors={errors} label={expired ? "Renew: the key expires" : "Change: the key expires"} />
      <FormMessage message={message} />
      <div role="status" aria-live="polite" className="text-sm text-emerald-800">
        {state?.ok ? (expired ? "Renewed." : "Expiry saved.") : null}
      </div>
      <Button type="submit" variant="secondary" size="sm" disabled={pending}>
        {pending ? "Saving…" : expired ? "Renew key" : "Save expiry"}
      </Button>
    </form>
  );
}
