// Sign-in and sign-up throttling, shared by every instance through the database: at most
// SIGNIN_FAILURE_LIMIT failed sign-ins per email and per client address in 15 minutes, and
// SIGNUP_LIMIT_PER_HOUR sign-ups per address. Keyed by what was typed, so the answer is the
// same whether the account exists or not.
import { attemptsSince, pruneAttempts, recordAttempts } from "@/db/queries/auth-attempts";
import { env } from "@/lib/env";

const WINDOW_MS = 15 * 60 * 1000;
const SIGN_UP_WINDOW_MS = 60 * 60 * 1000;

const signInScopes = (email: string, ip: string | null) => [`email:${email.toLowerCase()}`, ...(ip ? [`ip:${ip}`] : [])];

export const tooManyAttempts = (minutes: number) => `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;

/** Minutes until the scopes are under `limit` again, or null when they are already. */
async function wait(scopes: string[], limit: number, windowMs: number): Promise<number | null> {
  const now = Date.now();
  const over = (await attemptsSince(scopes, new Date(now - windowMs))).filter((s) => s.n >= limit);
  if (!over.length) return null;
  const until = Math.max(...over.map((s) => s.oldest.getTime() + windowMs));
  return Math.max(1, Math.ceil((until - now) / 60_000));
}

export const signInWait = (email: string, ip: string | null) => wait(signInScopes(email, ip), env().SIGNIN_FAILURE_LIMIT, WINDOW_MS);
export const recordSignInFailure = (email: string, ip: string | null) => recordAttempts(signInScopes(email, ip));

export const signUpWait = (ip: string | null) => (ip ? wait([`signup-ip:${ip}`], env().SIGNUP_LIMIT_PER_HOUR, SIGN_UP_WINDOW_MS) : Promise.resolve(null));
export const recordSignUp = (ip: string | null) => recordAttempts(ip ? [`signup-ip:${ip}`] : []);

export const pruneAuthAttempts = () => pruneAttempts(new Date(Date.now() - SIGN_UP_WINDOW_MS));
