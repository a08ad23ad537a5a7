// A real production server in its own process group, so stopping it stops everything it
// started: dist/server.js (what `npm start` runs: the gateway lane and Next.js), or with
// `nextOnly` Next.js's own `next start`, without the lane (the defense-in-depth tests).
import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import { inject } from "vitest";
import { defined } from "@/tests/helpers/defined";

export type Server = {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the server printed so far: tests check that no key ever appears in it. */
  logs(): string;
  /** Sends the signal to the whole group and waits for the server to exit; returns its exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
};

export const TEST_AUTH_SECRET = "test-secret-test-secret-test-secret-0123";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

type Options = { env?: Record<string, string | undefined>; port?: number; waitForHealthy?: boolean; nextOnly?: boolean };

export async function startServer(options: Options = {}): Promise<Server> {
  const port = options.port ?? (await freePort());
  const env: Record<string, string> = {};
  const merged = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_SECRET: TEST_AUTH_SECRET,
    DATABASE_URL: inject("databaseUrl"),
    PORT: String(port),
    HOST: "127.0.0.1",
    ...options.env,
  };
  for (const [k, v] of Object.entries(merged)) if (v !== undefined) env[k] = v;
  const args = options.nextOnly ? ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"] : ["dist/server.js"];
  const child: ChildProcess = spawn(process.execPath, args, {
    detached: true,
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (d: Buffer) => {
    output += d;
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const server: Server = {
    url,
    port,
    child,
    logs: () => output,
    async stop(signal = "SIGTERM") {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      try {
        process.kill(-defined(child.pid, "pid"), signal);
      } catch {
        return child.exitCode;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-defined(child.pid, "pid"), "SIGKILL");
        } catch {}
      }, 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
  const deadline = Date.now() + 60_000;
  while (options.waitForHealthy !== false) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      await server.stop("SIGKILL");
      throw new Error(`the server did not become healthy in 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return server;
}
