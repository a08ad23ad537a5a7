"use client";

import { type FormEvent, useActionState, useEffect, useRef, useState } from "react";
import type { FormValues, Outcome } from "@/lib/user-action";

export type FieldErrors = Record<string, string[] | undefined>;
type FormAction<T> = (previous: Outcome<T> | null, form: FormData) => Promise<Outcome<T>>;

/**
 * A server action behind <form action={formAction}>: it works before hydration and without
 * JavaScript (Next renders the action into the form, and the refused state into the page).
 * With JavaScript, `validate` (the action's own zod schema) refuses early in onSubmit; either
 * way the first refused field gets the focus, and `values` refills what was typed.
 */
export function useActionForm<T>(action: FormAction<T>, validate?: (form: FormData) => FieldErrors | null) {
  const [state, formAction, pending] = useActionState(action, null);
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const ref = useRef<HTMLFormElement>(null);
  const refused = state && !state.ok ? state : null;
  const errors = clientErrors ?? refused?.errors;
  const message = !clientErrors && refused && !refused.errors ? refused.message : null;
  const values: FormValues = refused?.values ?? {};

  useEffect(() => {
    if (errors) ref.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [errors]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const problems = validate?.(new FormData(event.currentTarget)) ?? null;
    setClientErrors(problems);
    if (problems) event.preventDefault(); // React runs the action only for a submit left alone
  }

  return { ref, state, formAction, pending, errors, message, values, onSubmit };
}
