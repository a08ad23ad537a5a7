// drizzle wraps driver errors in DrizzleQueryError, whose message carries the query's
// parameters: log only what these helpers return, never the error itself.
type PgError = { code?: string; constraint_name?: string; message?: string };

function driverError(error: unknown): PgError {
  const e = error as { cause?: PgError } & PgError;
  return e?.cause ?? e ?? {};
}

export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = driverError(error);
  return e.code === "23505" && e.constraint_name === constraint;
}

/** A parameter-free description of a database failure, safe to log. */
export function describeDbError(error: unknown): string {
  const e = driverError(error);
  return e.code ? `${e.code} ${e.message ?? ""}`.trim() : (e.message ?? String(error)).split("\n")[0];
}
