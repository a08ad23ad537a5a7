import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env, setEnv } from "@/lib/env";

/**
 * Outside production a missing AUTH_SECRET is generated once and kept in .data/, so
 * `npm run dev` needs no set-up and sessions survive restarts. Production must set it.
 */
export function ensureDevSecret(): void {
  if (env().NODE_ENV === "production" || env().AUTH_SECRET) return;
  const file = path.join(process.cwd(), ".data", "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(33).toString("base64url"), { mode: 0o600 });
  }
  setEnv("AUTH_SECRET", readFileSync(file, "utf8").trim());
}
