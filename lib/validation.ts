// One zod schema per form or action input, imported by the form (instant feedback)
// and by its server action (the authority).
import { z } from "zod";
import { RANGE_IDS } from "@/lib/dashboard/ranges";
import { EXPIRY_CHOICES, type ExpiryChoice, GRACE_CHOICES, type GraceChoice, isValidExpiryDate } from "@/lib/keys/expiry";
import { PASSWORD_MAX, PASSWORD_MIN, passwordLength } from "@/lib/password-policy";

// zod's compiled parsers probe for eval with new Function, which the CSP reports as a violation.
z.config({ jitless: true });

export const KEY_NAME_MAX = 64;
export const KEY_DESCRIPTION_MAX = 500;

export const RATE_LIMIT_MAX = 1_000_000;
const RATE_LIMIT_WORDS = "Rate limit is a whole number of requests per minute, 1 or more.";

const keyFields = {
  name: z
    .string({ error: "Key Name is required." })
    .trim()
    .min(1, "Key Name is required.")
    .max(KEY_NAME_MAX, `Key Name must be at most ${KEY_NAME_MAX} characters.`),
  description: z
    .string({ error: "Key Description must be text." })
    .trim()
    .max(KEY_DESCRIPTION_MAX, `Key Description must be at most ${KEY_DESCRIPTION_MAX} characters.`)
    .optional()
    .transform((v) => v || null),
  // Empty: the plan's default. The plan's maximum is checked by the server, which knows it.
  rateLimit: z
    .string({ error: RATE_LIMIT_WORDS })
    .trim()
    .optional()
    .refine((v) => !v || /^\d+$/.test(v), RATE_LIMIT_WORDS)
    .transform((v) => (v ? Number(v) : undefined))
    .refine((v) => v === undefined || (v >= 1 && v <= RATE_LIMIT_MAX), RATE_LIMIT_WORDS),
};

// When the key expires: one of the choices, and a date (YYYY-MM-DD, the end of that day UTC) for "date".
const expiryFields = {
  expires: z.enum(Object.keys(EXPIRY_CHOICES) as [ExpiryChoice, ...ExpiryChoice[]], { error: "Choose when the key expires." }).default("never"),
  expiresOn: z.string().trim().optional(),
};
const EXPIRY_DATE_WORDS = "Pick a date in the future, within 10 years.";
const checkExpiryDate = (input: { expires: ExpiryChoice; expiresOn?: string }, ctx: z.RefinementCtx) => {
  if (input.expires === "date" && !isValidExpiryDate(input.expiresOn)) ctx.addIssue({ code: "custom", path: ["expiresOn"], message: EXPIRY_DATE_WORDS });
};

export const createKeySchema = z.object({ ...keyFields, ...expiryFields }).superRefine(checkExpiryDate);

const INVALID_KEY_ID = "That key id is not valid.";

export const keyIdSchema = z.object({ id: z.uuid({ error: INVALID_KEY_ID }) }, { error: INVALID_KEY_ID });

export const editKeySchema = keyIdSchema.extend(keyFields);

/** A new expiry, or a renewal of an expired key. */
export const keyExpirySchema = keyIdSchema.extend(expiryFields).superRefine(checkExpiryDate);

export const rollKeySchema = keyIdSchema.extend({
  grace: z.enum(Object.keys(GRACE_CHOICES) as [GraceChoice, ...GraceChoice[]], { error: "Choose how long the old secret keeps working." }),
});

export const setKeyActiveSchema = keyIdSchema.extend({
  active: z.boolean({ error: "The target state must be true or false." }),
});

const email = z
  .string({ error: "Email is required." })
  .trim()
  .toLowerCase()
  .normalize("NFKC")
  .pipe(z.email("Enter a valid email address.").max(254, "That email is too long."));

export const signInSchema = z.object({
  email,
  callbackUrl: z.string().optional(),
  password: z
    .string({ error: "Password is required." })
    .min(1, "Password is required.")
    .max(PASSWORD_MAX * 4, "That password is too long."),
});

// The length rules here, where the form can use them too; the blocklist is checked by the
// action (lib/passwords.ts passwordProblem), on the server only.
const newPassword = z
  .string({ error: "Password is required." })
  .refine((p) => passwordLength(p) >= PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .refine((p) => passwordLength(p) <= PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`)
  .refine((p) => !/\p{Cc}/u.test(p), "Passwords can contain any printable characters and spaces, but no control characters.");

export const signUpSchema = z.object({ email, password: newPassword });

export const changePasswordSchema = z.object({
  currentPassword: z.string({ error: "Enter your current password." }).min(1, "Enter your current password."),
  newPassword,
});

/** The key list's URL: anything it does not understand is dropped, never an error page. */
export const keyListFilterSchema = z.object({
  q: z.string().trim().max(64).optional().catch(undefined),
  status: z.enum(["active", "off", "expired"]).optional().catch(undefined),
  sort: z.enum(["created", "last_used"]).default("created").catch("created"),
  after: z.string().max(200).optional().catch(undefined),
  before: z.string().max(200).optional().catch(undefined),
});

const utcDay = z
  .string()
  .regex(/^\d{4}-\d\d-\d\d$/)
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d))
  .optional()
  .catch(undefined);
const cursor = z.string().max(200).optional().catch(undefined);

/** Transaction Monitoring's URL (and its export's): anything it does not understand is dropped, never an error page. */
export const requestFilterSchema = z.object({
  key: z.uuid().optional().catch(undefined),
  // A status class, or "refused": every refusal the gateway logged (key off, expired, limits).
  status: z.enum(["2xx", "3xx", "4xx", "5xx", "refused"]).optional().catch(undefined),
  // UTC days, both included.
  from: utcDay,
  to: utcDay,
  // A path prefix; one without a leading "/" is taken as under /api/gateway/.
  path: z
    .string()
    .trim()
    .max(200)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
  after: cursor,
  before: cursor,
});

// rateLimit: undefined is the plan's default, null unlimited (where the plan allows it).
export type CreateKeyInput = Omit<z.infer<typeof createKeySchema>, "rateLimit" | "expires" | "description"> & {
  description?: string | null;
  rateLimit?: number | null;
  expires?: ExpiryChoice;
};
export type EditKeyInput = Omit<z.infer<typeof editKeySchema>, "rateLimit"> & { rateLimit?: number | null };
export type KeyExpiryInput = z.infer<typeof keyExpirySchema>;
export type RequestFilter = z.infer<typeof requestFilterSchema>;
export type KeyListFilter = z.infer<typeof keyListFilterSchema>;

/** The Dashboard's and a key page's range: anything else falls back to the default. */
export const trafficRangeSchema = z.object({ range: z.enum(RANGE_IDS).default("24h").catch("24h") });

export const switchPlanSchema = z.object({ planId: z.string({ error: "Choose a plan." }).min(1, "Choose a plan.").max(32) });
