"use client";

import { useState } from "react";
import { z } from "zod";
import { ShowKeyOnce } from "@/components/keys/show-key-once";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogContent } from "@/components/ui/dialog";
import { FormMessage, TextAreaField, TextField } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { createKeyAction } from "@/lib/actions/keys";
import { createKeySchema, KEY_DESCRIPTION_MAX, KEY_NAME_MAX } from "@/lib/validation";

// The same schema as the action: instant messages here, the action still decides.
function validate(form: FormData) {
  const parsed = createKeySchema.safeParse(Object.fromEntries(form));
  return parsed.success ? null : z.flattenError(parsed.error).fieldErrors;
}

export function CreateKeyForm() {
  const { ref, state, pending, errors, message, onSubmit } = useActionForm(createKeyAction, validate);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");

  if (state?.ok) return <ShowKeyOnce apiKey={state.data.key} name={state.data.name} />;

  return (
    <DialogContent
      title="Create API Auth Key"
      description="Name the key after who or what will use it. You will see the full key once, right after it is created."
    >
      <form ref={ref} onSubmit={onSubmit} noValidate className="space-y-4">
        <TextField
          name="name"
          label="Key Name"
          placeholder="e.g. Swaggy M."
          autoComplete="off"
          value={name}
          onChange={(e) => setName(e.target.value)}
          hint={`${name.trim().length}/${KEY_NAME_MAX} characters. Must be unique among your keys.`}
          errors={errors?.name}
          autoFocus
        />
        <TextAreaField
          name="description"
          label="Key Description"
          optional
          placeholder="What is this key for?"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          hint={`${description.trim().length}/${KEY_DESCRIPTION_MAX} characters.`}
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
