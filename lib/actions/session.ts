"use server";
// Signing in, signing up and signing out: the public actions (no session needed to call them).
import { createUser, endSessions } from "@/db/queries/users";
import { currentUser, signOut, startSession } from "@/lib/auth";
import { safeCallbackUrl } from "@/lib/callback-url";
import { hashPassword } from "@/lib/passwords";
import { invalid, type Outcome } from "@/lib/user-action";
import { signInSchema, signUpSchema } from "@/lib/validation";

export async function signInAction(_previous: Outcome | null, form: FormData): Promise<Outcome> {
  const parsed = signInSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return invalid(parsed.error);
  return startSession(parsed.data.email, parsed.data.password, safeCallbackUrl(form.get("callbackUrl")));
}

export async function signUpAction(_previous: Outcome | null, form: FormData): Promise<Outcome> {
  const parsed = signUpSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return invalid(parsed.error);
  const { email, password } = parsed.data;
  const user = await createUser(email, await hashPassword(password));
  if (!user) {
    const message = "An account with this email already exists. Sign in instead.";
    return { ok: false, message, errors: { email: [message] } };
  }
  return startSession(email, password, "/gateway");
}

/** Ends this session and every other one of the account: copied cookies stop working. */
export async function signOutAction(): Promise<void> {
  const user = await currentUser();
  if (user) await endSessions(user.id);
  await signOut({ redirectTo: "/sign-in" });
}
