// The one wrapper every signed-in server action goes through: session (with its version
// checked in the database), then zod, then the work. Actions are public endpoints.
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { describeDbError } from "@/db/queries/errors";
import type { SessionUser } from "@/db/queries/users";
import { currentUser } from "@/lib/auth";

export type Outcome<T = undefined> = { ok: true; data: T } | { ok: false; message: string; errors?: Record<string, string[] | undefined> };

const SIGNED_OUT: Outcome<never> = { ok: false, message: "Your session has ended. Sign in again to continue." };
const FAILED: Outcome<never> = { ok: false, message: "Something went wrong on our side and nothing was changed. Try again in a moment." };

export function invalid(error: z.ZodError): Outcome<never> {
  const { formErrors, fieldErrors } = z.flattenError(error);
  const first = formErrors[0] ?? Object.values(fieldErrors).flat()[0] ?? "Check the form and try again.";
  return { ok: false, message: first as string, errors: fieldErrors as Record<string, string[]> };
}

export function userAction<S extends z.ZodType, T>(schema: S, run: (input: z.output<S>, user: SessionUser) => Promise<Outcome<T>>) {
  return async (raw: unknown): Promise<Outcome<T>> => {
    try {
      const user = await currentUser();
      if (!user) return SIGNED_OUT;
      const parsed = schema.safeParse(raw);
      if (!parsed.success) return invalid(parsed.error);
      return await run(parsed.data, user);
    } catch (error) {
      unstable_rethrow(error);
      console.error(`Gatehouse: action failed: ${describeDbError(error)}`);
      return FAILED;
    }
  };
}

/** The same, shaped for useActionState and <form action>. */
export function formAction<S extends z.ZodType, T>(schema: S, run: (input: z.output<S>, user: SessionUser) => Promise<Outcome<T>>) {
  const action = userAction(schema, run);
  return (_previous: Outcome<T> | null, form: FormData) => action(Object.fromEntries(form));
}
