"use client";

import { useActionState, useEffect, useRef, useState, startTransition, type FormEvent } from "react";
import { flushSync } from "react-dom";
import { z } from "zod";
import { createKey } from "@/app/(console)/keys/actions";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogContent } from "@/components/ui/dialog";
import { TextAreaField, TextField } from "@/components/ui/field";
import { createKeySchema, KEY_DESCRIPTION_MAX, KEY_NAME_MAX } from "@/lib/validation";
import { ShowKeyOnce } from "./show-key-once";

type Errors = Record<string, string[] | undefined>;

export function CreateKeyForm() {
  const [state, submit, pending] = useActionState(createKey, null);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [clientErrors, setClientErrors] = useState<Errors | null>(null);
  const form = useRef<HTMLFormElement>(null);

  // A field the server refused (a name already taken) gets the focus, as the client's do.
  useEffect(() => {
    if (state && !state.ok && state.errors) form.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [state]);

  if (state?.ok) return <ShowKeyOnce apiKey={state.data.key} name={state.data.name} />;

  // The same schema as the action: instant messages here, the action still decides.
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const target = event.currentTarget;
    const parsed = createKeySchema.safeParse({ name, description });
    if (!parsed.success) {
      // Rendered at once: a plain setState renders after this handler returns, so the query
      // below found no invalid field yet and focus stayed on the Create Now button.
      flushSync(() => setClientErrors(z.flattenError(parsed.error).fieldErrors));
      target.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
      return;
    }
    setClientErrors(null);
    startTransition(() => submit(new FormData(target)));
  }

  const errors = clientErrors ?? (state && !state.ok ? state.errors : undefined);
  const formMessage = !clientErrors && state && !state.ok && !state.errors ? state.message : null;

  return (
    <DialogContent title="Create API Auth Key" description="Name the key after who or what will use it. You will see the full key once, right after it is created.">
      <form ref={form} onSubmit={onSubmit} noValidate className="space-y-4">
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
        <div aria-live="assertive">{formMessage ? <p className="rounded-md bg-red-50 p-3 text-sm text-red-800">{formMessage}</p> : null}</div>
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
