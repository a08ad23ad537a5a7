import { defineConfig } from "drizzle-kit";

// `drizzle-kit generate` needs no database; `npm run db:migrate` applies the output.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./db/migrations",
});
