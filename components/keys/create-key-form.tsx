"use client";

import { useState } from "react";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogContent } from "@/components/ui/dialog";
import { FormMessage, TextAreaField, TextField } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { createKeyAction } from "@/lib/actions/keys";
import { createKeySchema, KEY_DESCRIPTION_MAX, KEY_NAME_MAX } from "@/lib/validation";
import { ShowKeyOnce } from "./show-key-once";

// The same schema as the action: instant messages here, the action still decides.
function validate(form: FormData) {
  const parsed = createKeySchema.safeParse(Object.fromEntries(form));
  return parsed.success ? null : z.flattenError(parsed.error).fieldErrors;
}

export function CreateKeyForm() {
  const { ref, state, formAction, pending, errors, message, values, onSubmit } = useActionForm(createKeyAction, validate);
  const [nameLength, setNameLength] = useState(0);
  const [descriptionLength, setDescriptionLength] = useState(0);

  if (state?.ok) return <ShowKeyOnce apiKey={state.data.key} name={state.data.name} />;

  return (
    <DialogContent
      title="Create API Auth Key"
      description="Name the key after who or what will use it. You will see the full key once, right after it is created."
    >
      <form ref={ref} action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
        <TextField
          name="name"
          label="Key Name"
          placeholder="e.g. Swaggy M."
          autoComplete="off"
          defaultValue={values.name}
          onChange={(e) => setNameLength(e.target.value.trim().length)}
          hint={`${nameLength}/${KEY_NAME_MAX} characters. Must be unique among your keys.`}
          errors={errors?.name}
          autoFocus
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
