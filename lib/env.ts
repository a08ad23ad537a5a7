import { z } from "zod";

const flag = z
  .enum(["1", "0", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");
const ms = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
    EMBEDDED_PG_DIR: z.string().min(1).default(".data/pg"),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
    AUTH_SECRET: z.string().min(32).optional(),
    NEXTAUTH_SECRET: z.string().min(32).optional(),
    AUTH_URL: z.url({ protocol: /^https?$/ }).optional(),
    NEXTAUTH_URL: z.url({ protocol: /^https?$/ }).optional(),
    SEED_DEMO: flag,
    // closed: /sign-up refuses, whatever is posted; the operator runs `npm run user:create`.
    SIGNUP: z.enum(["open", "closed"]).default("open"),
    // Failed sign-ins allowed per email and per client address in 15 minutes; sign-ups per address an hour.
    SIGNIN_FAILURE_LIMIT: z.coerce.number().int().positive().default(10),
    SIGNUP_LIMIT_PER_HOUR: z.coerce.number().int().positive().default(20),
    // Extra hostnames (no scheme, no port; "*.example.com" allowed) that may open `next dev`.
    DEV_ALLOWED_ORIGINS: z
      .string()
      .optional()
      .transform((v) =>
        (v ?? "")
          .split(",")
          .map((h) => h.trim())
          .filter(Boolean),
      ),
    // Set by the server at start (setEnv) when it created the demo account: the sign-in page shows it.
    GATEHOUSE_DEMO: flag,
    GATEWAY_UPSTREAM_URL: z.url({ protocol: /^https?$/ }).optional(),
    GATEWAY_UPSTREAM_TIMEOUT_MS: ms(30_000),
    GATEWAY_UPSTREAM_BODY_TIMEOUT_MS: ms(30_000),
    GATEWAY_MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(10 * 1024 * 1024),
    // A hop count or a list of addresses and CIDR ranges: checked in full by lib/gateway/trusted-proxies.ts at start.
    GATEWAY_TRUSTED_PROXIES: z
      .string()
      .regex(/^[\s\d.,:/a-fA-F]*$/, "a hop count (1) or a comma-separated list of IP addresses and CIDR ranges")
      .optional(),
    SHUTDOWN_GRACE_MS: ms(10_000),
    PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
    HOST: z.string().min(1).optional(),
    KEY_CACHE_TTL_MS: ms(30_000),
    KEY_CACHE_MAX: z.coerce.number().int().positive().default(10_000),
    // Unknown keys are remembered apart from real ones, so forged keys cannot push real ones out.
    UNKNOWN_KEY_CACHE_MAX: z.coerce.number().int().positive().default(10_000),
    UNKNOWN_KEY_CACHE_TTL_MS: ms(60_000),
    // Key lookups the database may have in flight at once per instance; past it, 503 at once.
    KEY_LOOKUPS_MAX: z.coerce.number().int().positive().default(32),
    // invalid_key/unknown_key refusals per client address and minute before 429 too_many_invalid_keys.
    INVALID_KEYS_PER_MINUTE: z.coerce.number().int().positive().default(20),
    USAGE_FLUSH_MS: ms(1_000),
    // A rolled key's old secret stops early once the new one is in use and the old one has
    // been quiet this long; the sweep that ends graces and notes expiries runs this often.
    KEY_GRACE_QUIET_MS: ms(15 * 60 * 1000),
    KEY_LIFECYCLE_SWEEP_MS: ms(1_000),
    AUDIT_RETENTION_DAYS: z.coerce.number().int().positive().default(365),
    REQUEST_LOG_BUFFER_MAX: z.coerce.number().int().positive().default(50_000),
    REQUEST_LOG_RETENTION_DAYS: z.coerce.number().int().positive().default(30),
    // Day partitions of the request log made ahead of time by the hourly maintenance.
    REQUEST_LOG_PARTITIONS_AHEAD: z.coerce.number().int().min(1).max(60).default(7),
  })
  .transform(({ NEXTAUTH_SECRET, NEXTAUTH_URL, ...rest }) => ({
    ...rest,
    AUTH_SECRET: rest.AUTH_SECRET ?? NEXTAUTH_SECRET,
    AUTH_URL: rest.AUTH_URL ?? NEXTAUTH_URL,
  }))
  .refine((e) => e.NODE_ENV !== "production" || e.AUTH_SECRET, {
    message: "AUTH_SECRET (or NEXTAUTH_SECRET) is required in production: generate one with `openssl rand -base64 33`",
    path: ["AUTH_SECRET"],
  });

export type Env = z.infer<typeof schema>;

/**
 * Parsed on first use, so `next build` can import server modules without a runtime
 * environment; once per process, so a value set at start (setEnv) reaches every bundle.
 */
export function env(): Env {
  store[SLOT] ??= parse();
  return store[SLOT];
}

// By hand rather than through lib/process-singleton.ts: next.config.ts loads this file, and
// Next's config loader resolves "@/" imports in next.config.ts alone, not in what it imports.
const SLOT = Symbol.for("gatehouse.env");
const store = globalThis as typeof globalThis & { [SLOT]?: Env };

function parse(): Env {
  const result = schema.safeParse(Object.fromEntries(Object.entries(process.env).map(([k, v]) => [k, v === "" ? undefined : v])));
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Gatehouse: invalid environment\n${problems}\nSee .env.example.`);
  }
  return result.data;
}

/**
 * For start-up code that fills in values (a dev secret, the embedded database's URL, the
 * demo flag). process.env is the one store every bundle of this process shares.
 */
export function setEnv(name: "AUTH_SECRET" | "DATABASE_URL" | "GATEHOUSE_DEMO", value: string): void {
  process.env[name] = value;
  store[SLOT] = undefined;
}

/** Before the environment is read: which .env files apply (`next start` and `next dev` load the same). */
export const isProduction = (): boolean => process.env.NODE_ENV === "production";

/** True inside `next build`, where no database may be opened. */
export const isBuildPhase = (): boolean => process.env.NEXT_PHASE === "phase-production-build";
