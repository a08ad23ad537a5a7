// The benchmark's processes (Gatehouse, the reference, the upstream), each in its own process
// group so stopping it stops everything it started.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import net from "node:net";

/** A port nothing listens on now (a random one could be another service's, MariaDB's 3306 say). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export type BenchProcess = { url: string; pid: number; rssMb(): number; stop(): Promise<void> };

async function ready(url: string, exited: () => boolean): Promise<void> {
  for (let waited = 0; ; waited += 100) {
    if (exited()) throw new Error(`${url}: the process exited during start-up`);
    if (
      await fetch(url).then(
        () => true,
        () => false,
      )
    )
      return;
    if (waited > 60_000) throw new Error(`${url} did not answer within 60 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `probe`: a path that answers once the process is ready. */
export async function startProcess(args: string[], port: number, probe: string, env: Record<string, string> = {}): Promise<BenchProcess> {
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } as NodeJS.ProcessEnv,
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  await ready(`${url}${probe}`, () => child.exitCode !== null);
  const pid = child.pid ?? 0;
  return {
    url,
    pid,
    rssMb: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024,
    async stop() {
      if (child.exitCode === null) process.kill(-pid, "SIGTERM");
      await exited;
    },
  };
}
