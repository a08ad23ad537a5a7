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

// argon2 runs in libuv's thread pool (4 threads), which DNS lookups for forwarding share: at
// most ARGON2_AT_ONCE hashes run at a time, and past ARGON2_QUEUE waiting ones a sign-in
// flood is refused at once instead of queueing without end.
const ARGON2_AT_ONCE = 2;
const ARGON2_QUEUE = 64;
let running = 0;
const waiting: (() => void)[] = [];

export class PasswordCheckBusy extends Error {}

async function argon2<T>(work: () => Promise<T>): Promise<T> {
  if (running >= ARGON2_AT_ONCE) {
    if (waiting.length >= ARGON2_QUEUE) throw new PasswordCheckBusy("too many password checks at once");
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

// argon2id with the library's defaults (m=19 MiB, t=2, p=1), OWASP's recommended minimum.
export function hashPassword(password: string): Promise<string> {
  return argon2(() => hash(normalizePassword(password)));
}

let dummy: Promise<string> | undefined;

/**
 * Also spends the time of a real check when there is no user, so timing does not reveal
 * which emails exist. Hashes made before NFKC (older accounts) still match their raw form.
 */
export async function checkPassword(stored: string | null, password: string): Promise<boolean> {
  const check = (hashed: string, plain: string) => argon2(() => verify(hashed, plain)).catch(rethrowBusy);
  if (!stored) {
    dummy ??= hashPassword("gatehouse-timing-equaliser");
    await check(await dummy, password);
    return false;
  }
  const normalized = normalizePassword(password);
  if (await check(stored, normalized)) return true;
  return normalized !== password && check(stored, password);
}

/** A malformed stored hash is a failed check; a full queue is not, and goes up to the caller. */
function rethrowBusy(error: unknown): false {
  if (error instanceof PasswordCheckBusy) throw error;
  return false;
}
