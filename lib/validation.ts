// One zod schema per form or action input, imported by the form (instant feedback)
// and by its server action (the authority).
import { z } from "zod";
import { PASSWORD_MAX, PASSWORD_MIN, passwordLength } from "@/lib/password-policy";

// zod's compiled parsers probe for eval with new Function, which the CSP reports as a violation.
z.config({ jitless: true });

export const KEY_NAME_MAX = 64;
export const KEY_DESCRIPTION_MAX = 500;

export const createKeySchema = z.object({
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
});

const INVALID_KEY_ID = "That key id is not valid.";

export const keyIdSchema = z.object({ id: z.uuid({ error: INVALID_KEY_ID }) }, { error: INVALID_KEY_ID });

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

export const requestFilterSchema = z.object({
  key: z.uuid().optional().catch(undefined),
  status: z.enum(["2xx", "3xx", "4xx", "5xx"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});

export type CreateKeyInput = z.infer<typeof createKeySchema>;
export type RequestFilter = z.infer<typeof requestFilterSchema>;
