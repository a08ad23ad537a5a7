import { redirect } from "next/navigation";
import NextAuth, { AuthError, CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { cache } from "react";
import { db } from "@/db/client";
import { appendAudit } from "@/db/queries/audit";
import { findSessionUser, findUserByEmail, markPasswordNeedsChange, type SessionUser } from "@/db/queries/users";
import { recordSignInFailure, signInWait, tooManyAttempts } from "@/lib/auth-throttle";
import { env } from "@/lib/env";
import { checkPassword, PasswordCheckBusy, passwordProblem } from "@/lib/passwords";
import { clientIpFrom, requestIp } from "@/lib/request-ip";
import type { Outcome } from "@/lib/user-action";
import { signInSchema } from "@/lib/validation";

class ThrottledSignIn extends CredentialsSignin {
  code = "throttled";
}

// JWT sessions carry the user's session version; every server-side check compares it
// with the database, so signing out or changing the password ends copied cookies too.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: env().AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: 7 * 24 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      // Also reached directly at /api/auth/callback/credentials: the throttle is enforced here.
      async authorize(raw, request) {
        const input = signInSchema.safeParse(raw);
        if (!input.success) return null;
        const ip = clientIpFrom(request.headers);
        if (await signInWait(input.data.email, ip)) throw new ThrottledSignIn();
        const user = await findUserByEmail(input.data.email);
        const matches = await checkPassword(user?.passwordHash ?? null, input.data.password).catch((error) => {
          if (error instanceof PasswordCheckBusy) throw new ThrottledSignIn(); // a flood: refused at once
          throw error;
        });
        const audit = { actor: "you", ip, userAgent: request.headers.get("user-agent")?.slice(0, 512) ?? null };
        if (!matches || !user) {
          await recordSignInFailure(input.data.email, ip);
          if (user) await appendAudit(db(), { ...audit, ownerId: user.id, action: "account.sign_in_failed" });
          return null;
        }
        await appendAudit(db(), { ...audit, ownerId: user.id, action: "account.signed_in" });
        // The only moment the plaintext is at hand: an older password is judged by today's policy.
        if (!user.passwordNeedsChange && passwordProblem(input.data.password)) await markPasswordNeedsChange(user.id);
        return { id: user.id, email: user.email, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sv = user.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      session.sessionVersion = token.sv;
      return session;
    },
  },
}));

/** The signed-in user, or null; checks the session version in the database once per request. */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  const version = session?.sessionVersion;
  if (!id || typeof version !== "number") return null;
  return findSessionUser(id, version);
});

/** For pages and actions: the signed-in user, or a redirect to sign-in. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  return user;
}

/** Signs in and redirects (Next's redirect is thrown on success); a refusal comes back as an Outcome. */
export async function startSession(email: string, password: string, redirectTo: string): Promise<Outcome> {
  const wait = await signInWait(email, await requestIp());
  if (wait) return { ok: false, message: tooManyAttempts(wait) };
  try {
    await signIn("credentials", { email, password, redirectTo });
  } catch (error) {
    if (error instanceof ThrottledSignIn) return { ok: false, message: tooManyAttempts((await signInWait(email, await requestIp())) ?? 1) };
    if (error instanceof AuthError) return { ok: false, message: "Wrong email or password." };
    throw error;
  }
  return { ok: true, data: undefined };
}
