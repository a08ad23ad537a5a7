"use server";

import { AuthError } from "next-auth";
import { createUser, endSessions, findUserById, updatePassword } from "@/db/queries/users";
import { currentUser, signIn, signOut } from "@/lib/auth";
import { safeCallbackUrl } from "@/lib/callback-url";
import { checkPassword, hashPassword } from "@/lib/passwords";
import { formAction, invalid, type Outcome } from "@/lib/user-action";
import { changePasswordSchema, signInSchema, signUpSchema } from "@/lib/validation";

const WRONG_CREDENTIALS: Outcome = { ok: false, message: "Wrong email or password." };

async function startSession(email: string, password: string, redirectTo: string): Promise<Outcome> {
  try {
    await signIn("credentials", { email, password, redirectTo }); // throws Next's redirect on success
  } catch (error) {
    if (error instanceof AuthError) return WRONG_CREDENTIALS;
    throw error;
  }
  return { ok: true, data: undefined };
}

export async function signInWithPassword(_previous: Outcome | null, form: FormData): Promise<Outcome> {
  const parsed = signInSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return invalid(parsed.error);
  return startSession(parsed.data.email, parsed.data.password, safeCallbackUrl(form.get("callbackUrl")));
}

export async function signUpWithPassword(_previous: Outcome | null, form: FormData): Promise<Outcome> {
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
export async function signOutEverywhere(): Promise<void> {
  const user = await currentUser();
  if (user) await endSessions(user.id);
  await signOut({ redirectTo: "/sign-in" });
}

export const changePassword = formAction(changePasswordSchema, async ({ currentPassword, newPassword }, user) => {
  const account = await findUserById(user.id);
  if (!account || !(await checkPassword(account.passwordHash, currentPassword))) {
    const message = "Your current password is not right.";
    return { ok: false, message, errors: { currentPassword: [message] } };
  }
  await updatePassword(user.id, await hashPassword(newPassword)); // ends every session
  return startSession(user.email, newPassword, "/settings?password=changed"); // a new one for this browser
});
