import path from "node:path";
import { defineConfig } from "vitest/config";

// Three groups run one after another: pure functions, then a real database, then a real
// Next.js production server (and Chromium). Both database groups use DATABASE_URL when set,
// else an embedded PostgreSQL started for the run (tests/setup/database.ts).
export default defineConfig({
  resolve: { alias: { "@": path.join(import.meta.dirname) } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/setup/database.ts"],
          setupFiles: ["tests/setup/env.ts"],
          hookTimeout: 60_000,
          testTimeout: 30_000,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/setup/database.ts", "tests/setup/build.ts"],
          setupFiles: ["tests/setup/env.ts"],
          fileParallelism: false,
          hookTimeout: 180_000,
          testTimeout: 120_000,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
