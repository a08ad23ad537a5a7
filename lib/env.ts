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
    SEED_DEMO: flag,
    GATEWAY_UPSTREAM_URL: z.url({ protocol: /^https?$/ }).optional(),
    GATEWAY_UPSTREAM_TIMEOUT_MS: ms(30_000),
    KEY_CACHE_TTL_MS: ms(30_000),
    KEY_CACHE_MAX: z.coerce.number().int().positive().default(10_000),
    USAGE_FLUSH_MS: ms(1_000),
    REQUEST_LOG_BUFFER_MAX: z.coerce.number().int().positive().default(50_000),
    REQUEST_LOG_RETENTION_DAYS: z.coerce.number().int().positive().default(30),
  })
  .transform(({ NEXTAUTH_SECRET, ...rest }) => ({
    ...rest,
    AUTH_SECRET: rest.AUTH_SECRET ?? NEXTAUTH_SECRET,
  }))
  .refine((e) => e.NODE_ENV !== "production" || e.AUTH_SECRET, {
    message: "AUTH_SECRET (or NEXTAUTH_SECRET) is required in production: generate one with `openssl rand -base64 33`",
    path: ["AUTH_SECRET"],
  });

export type Env = z.infer<typeof schema>;

let parsed: Env | undefined;

/** Parsed on first use, so `next build` can import server modules without a runtime environment. */
export function env(): Env {
  if (parsed) return parsed;
  const result = schema.safeParse(
    Object.fromEntries(Object.entries(process.env).map(([k, v]) => [k, v === "" ? undefined : v])),
  );
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Gatehouse: invalid environment\n${problems}\nSee .env.example.`);
  }
  parsed = result.data;
  return parsed;
}

/** For start-up code that fills in values (a dev secret, the embedded database's URL). */
export function resetEnv(): void {
  parsed = undefined;
}
