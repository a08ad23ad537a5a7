// The wrappers every server action goes through. Actions are public endpoints: a signed-in
// action checks the session (its version in the database) itself, every action parses its
// input with the form's zod schema, and no failure escapes unlogged or logs its parameters.
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { describeDbError } from "@/db/queries/errors";
import type { Actor } from "@/lib/audit";
import { currentUser } from "@/lib/auth";
import { requestActor } from "@/lib/request-actor";

/** What the typed fields held when a form was refused: never a password. */
export type FormValues = Record<string, string>;
export type Outcome<T = undefined> = { ok: true; data: T } | { ok: false; message: string; errors?: Record<string, string[] | undefined>; values?: FormValues };

const SIGNED_OUT: Outcome<never> = { ok: false, message: "Your session has ended. Sign in again to continue." };
const FAILED: Outcome<never> = { ok: false, message: "Something went wrong on our side and nothing was changed. Try again in a moment." };

export function invalid(error: z.ZodError): Outcome<never> {
  const { formErrors, fieldErrors } = z.flattenError(error);
  const first = formErrors[0] ?? Object.values(fieldErrors).flat()[0] ?? "Check the form and try again.";
  return { ok: false, message: first as string, errors: fieldErrors as Record<string, string[]> };
}

/** Runs the work; Next's redirects pass through, anything else is logged without its parameters. */
async function guarded<T>(work: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
  try {
    return await work();
  } catch (error) {
    unstable_rethrow(error);
    console.error(`Gatehouse: action failed: ${describeDbError(error)}`);
    return FAILED;
  }
}

/** `run` gets the user as an Actor: with the request's address and user agent, for the audit log. */
export function userAction<S extends z.ZodType, T>(schema: S, run: (input: z.output<S>, user: Actor) => Promise<Outcome<T>>) {
  return (raw: unknown): Promise<Outcome<T>> =>
    guarded(async () => {
      const user = await currentUser();
      if (!user) return SIGNED_OUT;
      const parsed = schema.safeParse(raw);
      if (!parsed.success) return invalid(parsed.error);
      return run(parsed.data, await requestActor(user));
    });
}

/** An action anyone may call (sign-in, sign-up): no session, the same parsing and guard. */
export function publicAction<S extends z.ZodType, T>(schema: S, run: (input: z.output<S>) => Promise<Outcome<T>>) {
  return (raw: unknown): Promise<Outcome<T>> =>
    guarded(async () => {
      const parsed = schema.safeParse(raw);
      return parsed.success ? run(parsed.data) : invalid(parsed.error);
    });
}

const fields = (form: FormData) => Object.fromEntries([...form].filter(([name]) => !name.startsWith("$ACTION")));

/** Shapes an action for <form action> and useActionState; a refusal carries the typed values back. */
export function asFormAction<T>(action: (raw: unknown) => Promise<Outcome<T>>) {
  return async (_previous: Outcome<T> | null, form: FormData): Promise<Outcome<T>> => {
    const outcome = await action(fields(form));
    if (outcome.ok) return outcome;
    const values: FormValues = {};
    for (const [name, value] of form) {
      if (typeof value === "string" && !/password/i.test(name) && !name.startsWith("$ACTION")) values[name] = value;
    }
    return { ...outcome, values };
  };
}

export const formAction = <S extends z.ZodType, T>(schema: S, run: (input: z.output<S>, user: Actor) => Promise<Outcome<T>>) =>
  asFormAction(userAction(schema, run));
