// The browser and HTTP tests run against `next start`, so they need a production build.
import { spawnSync } from "node:child_process";

export default function setup(): void {
  if (process.env.GATEHOUSE_SKIP_BUILD === "1") {
    console.log("[tests] GATEHOUSE_SKIP_BUILD=1: using the existing .next build");
    return;
  }
  const started = Date.now();
  const result = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    encoding: "utf8",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: "" },
  });
  if (result.status !== 0) throw new Error(`next build failed:\n${result.stdout}\n${result.stderr}`);
  console.log(`[tests] next build done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
