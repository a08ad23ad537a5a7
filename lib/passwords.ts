// Passwords on the server: the policy (lib/password-policy.ts) plus the blocklist, and
// argon2id hashing of the NFKC form.
import { hash, verify } from "@node-rs/argon2";
import { isBlocklisted } from "@/lib/password-blocklist";
import { normalizePassword, PASSWORD_MAX, PASSWORD_MIN, passwordLength } from "@/lib/password-policy";

/** Why a new password is refused, or null. The length rules are also in the form's zod schema. */
export function passwordProblem(password: string, email?: string): string | null {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  if (isBlocklisted(password, PASSWORD_MIN)) return "This password is too common. Pick another.";
  if (email && normalizePassword(password).toLowerCase() === email.toLowerCase()) return "Don't use your email address as your password.";
  return null;
}

// argon2id with the library's defaults (m=19 MiB, t=2, p=1), OWASP's recommended minimum.
export function hashPassword(password: string): Promise<string> {
  return hash(normalizePassword(password));
}

let dummy: Promise<string> | undefined;

/**
 * Also spends the time of a real check when there is no user, so timing does not reveal
 * which emails exist. Hashes made before NFKC (older accounts) still match their raw form.
 */
export async function checkPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) {
    dummy ??= hash("gatehouse-timing-equaliser");
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  const normalized = normalizePassword(password);
  if (await verify(stored, normalized).catch(() => false)) return true;
  return normalized !== password && verify(stored, password).catch(() => false);
}
