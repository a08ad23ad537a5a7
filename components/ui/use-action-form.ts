"use client";

import { type FormEvent, startTransition, useActionState, useEffect, useRef, useState } from "react";
import type { Outcome } from "@/lib/user-action";

export type FieldErrors = Record<string, string[] | undefined>;
type FormAction<T> = (previous: Outcome<T> | null, form: FormData) => Promise<Outcome<T>>;

/**
 * A server action behind a form, submitted by hand rather than through <form action>,
 * which would empty the fields after an error. `validate` (the action's own zod schema)
 * refuses early; either way the first refused field gets the focus.
 */
export function useActionForm<T>(action: FormAction<T>, validate?: (form: FormData) => FieldErrors | null) {
  const [state, submit, pending] = useActionState(action, null);
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const ref = useRef<HTMLFormElement>(null);
  const errors = clientErrors ?? (state && !state.ok ? state.errors : undefined);
  const message = !clientErrors && state && !state.ok && !state.errors ? state.message : null;

  useEffect(() => {
    if (errors) ref.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [errors]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const refused = validate?.(data) ?? null;
    setClientErrors(refused);
    if (!refused) startTransition(() => submit(data));
  }

  return { ref, state, pending, errors, message, onSubmit };
}
