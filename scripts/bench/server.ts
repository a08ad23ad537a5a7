// Starts `next start` in its own process group for the benchmark, and stops it.
import { spawn } from "node:child_process";

/** pid: the server's process, leader of its own process group. */
export type BenchServer = { url: string; pid: number; stop(): Promise<void> };

export async function startProductionServer(port: number, env: Record<string, string>): Promise<BenchServer> {
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...env } as NodeJS.ProcessEnv,
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  for (let waited = 0; ; waited += 100) {
    if (child.exitCode !== null) throw new Error("next start exited during start-up");
    if (
      await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (waited > 60_000) throw new Error("next start did not become healthy");
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid ?? 0,
    async stop() {
      if (child.pid) process.kill(-child.pid, "SIGTERM");
      await exited;
    },
  };
}
