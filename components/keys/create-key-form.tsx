"use client";

import { z } from "zod";
import { ExpiryFields } from "@/components/keys/expiry-fields";
import { KeyFields, type RatePolicy } from "@/components/keys/key-fields";
import { ShowKeyOnce } from "@/components/keys/show-key-once";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogContent } from "@/components/ui/dialog";
import { FormMessage } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { createKeyAction } from "@/lib/actions/keys";
import { createKeySchema } from "@/lib/validation";

// The same schema as the action: instant messages here, the action still decides.
export function validateKeyForm(schema: z.ZodType) {
  return (form: FormData) => {
    const parsed = schema.safeParse(Object.fromEntries(form));
    return parsed.success ? null : z.flattenError(parsed.error).fieldErrors;
  };
}

const validate = validateKeyForm(createKeySchema);

export function CreateKeyForm({ policy }: { policy: RatePolicy }) {
  const { ref, state, formAction, pending, errors, message, values, onSubmit } = useActionForm(createKeyAction, validate);

  if (state?.ok) return <ShowKeyOnce apiKey={state.data.key} name={state.data.name} />;

  return (
    <DialogContent
      title="Create API Auth Key"
      description="Name the key after who or what will use it. You will see the full key once, right after it is created."
    >
      <form ref={ref} action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
        <KeyFields values={values} errors={errors} message={null} policy={policy} autoFocus />
        <ExpiryFields values={values} errors={errors} />
        <FormMessage message={message} />
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button type="submit" disabled={pending} aria-disabled={pending}>
            {pending ? "Creating…" : "Create Now"}
          </Button>
        </div>
      </form>
    </DialogContent>
  );
}
