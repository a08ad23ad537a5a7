// Key lifetimes: the choices the dialogs offer and the moment each one means. Pure, so the
// forms and the server agree.
export const EXPIRY_CHOICES = { never: "Never", "7": "In 7 days", "30": "In 30 days", "90": "In 90 days", date: "On a date" } as const;
export type ExpiryChoice = keyof typeof EXPIRY_CHOICES;
export const GRACE_CHOICES = { "0": "None: the old secret stops now", "3600": "1 hour", "86400": "24 hours", "604800": "7 days" } as const;
export type GraceChoice = keyof typeof GRACE_CHOICES;

const DAY_MS = 24 * 60 * 60 * 1000;
/** A date typed as YYYY-MM-DD means the end of that day, UTC. */
const endOfDay = (date: string) => new Date(`${date}T23:59:59.999Z`);

export function isValidExpiryDate(date: string | undefined, now = new Date()): boolean {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const at = endOfDay(date);
  return !Number.isNaN(at.getTime()) && at > now && at.getTime() - now.getTime() < 10 * 366 * DAY_MS;
}

/** When a key made or renewed now with this choice expires; null is never. */
export function expiryFor(choice: ExpiryChoice, date: string | undefined, now = new Date()): Date | null {
  if (choice === "never") return null;
  if (choice === "date") return date ? endOfDay(date) : null;
  return new Date(now.getTime() + Number(choice) * DAY_MS);
}

/** Keys that expire within this long are marked in the list. */
export const EXPIRY_WARNING_MS = 7 * DAY_MS;
