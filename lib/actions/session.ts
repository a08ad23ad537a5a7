"use server";
// Signing in, signing up and signing out. Sign-in and sign-up are public: anyone may call them.
import { createUser, endSessions } from "@/db/queries/users";
import { auditBase } from "@/lib/audit";
import { currentUser, signOut, startSession } from "@/lib/auth";
import { recordSignUp, signUpWait, tooManyAttempts } from "@/lib/auth-throttle";
import { safeCallbackUrl } from "@/lib/callback-url";
import { env } from "@/lib/env";
import { hashPassword, passwordProblem } from "@/lib/passwords";
import { requestActor } from "@/lib/request-actor";
import { requestIp } from "@/lib/request-ip";
import { requestOrigin } from "@/lib/request-origin";
import { asFormAction, publicAction } from "@/lib/user-action";
import { signInSchema, signUpSchema } from "@/lib/validation";

export const signInAction = asFormAction(
  publicAction(signInSchema, async ({ email, password, callbackUrl }) => startSession(email, password, safeCallbackUrl(callbackUrl, await requestOrigin()))),
);

export const signUpAction = asFormAction(
  publicAction(signUpSchema, async ({ email, password }) => {
    if (env().SIGNUP === "closed") return { ok: false, message: SIGNUP_CLOSED };
    const ip = await requestIp();
    const wait = await signUpWait(ip);
    if (wait) return { ok: false, message: tooManyAttempts(wait) };
    const problem = passwordProblem(password, email);
    if (problem) return { ok: false, message: problem, errors: { password: [problem] } };
    if (!(await createUser(email, await hashPassword(password)))) {
      const message = "An account with this email already exists. Sign in instead.";
      return { ok: false, message, errors: { email: [message] } };
    }
    await recordSignUp(ip);
    return startSession(email, password, "/gateway");
  }),
);

const SIGNUP_CLOSED = "Sign-up is closed on this Gatehouse. Ask its operator for an account.";

/** Ends this session and every other one of the account: copied cookies stop working. */
export async function signOutAction(): Promise<void> {
  const user = await currentUser();
  if (user) await endSessions(user.id, { ...auditBase(await requestActor(user)), action: "account.signed_out" });
  await signOut({ redirectTo: "/sign-in" });
}
