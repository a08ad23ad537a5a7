// The browser and HTTP tests run against the production server (dist/server.js and Next.js's
// build), as `npm start` runs it.
import { spawnSync } from "node:child_process";

function run(script: string): void {
  const result = spawnSync("npm", ["run", script], { encoding: "utf8", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: "" } });
  if (result.status !== 0) throw new Error(`npm run ${script} failed:\n${result.stdout}\n${result.stderr}`);
}

export default function setup(): void {
  const started = Date.now();
  if (process.env.GATEHOUSE_SKIP_BUILD === "1") {
    console.log("[tests] GATEHOUSE_SKIP_BUILD=1: using the existing .next build (the server entry is compiled again, in well under a second)");
    run("build:server");
    return;
  }
  run("build");
  console.log(`[tests] npm run build done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
