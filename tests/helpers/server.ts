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

type Options = {
  env?: Record<string, string | undefined>;
  port?: number;
  waitForHealthy?: boolean;
  /** Plain `next start` without the lane (the defense-in-depth tests). */
  nextOnly?: boolean;
  /** "dev": `npm run dev`'s server (tsx server.ts) on every interface (the first pages compile slowly). */
  mode?: "production" | "dev";
};

function command(options: Options, port: number): string[] {
  if (options.mode === "dev") return ["node_modules/tsx/dist/cli.mjs", "server.ts"];
  if (options.nextOnly) return ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"];
  return ["dist/server.js"];
}

export async function startServer(options: Options = {}): Promise<Server> {
  const dev = options.mode === "dev";
  const port = options.port ?? (await freePort());
  const env: Record<string, string> = {};
  const merged = {
    ...process.env,
    NODE_ENV: dev ? "development" : "production",
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_SECRET: TEST_AUTH_SECRET,
    DATABASE_URL: inject("databaseUrl"),
    // Every test signs up and fails sign-ins from 127.0.0.1; the throttle's own test lowers these.
    SIGNIN_FAILURE_LIMIT: "1000",
    SIGNUP_LIMIT_PER_HOUR: "1000",
    // Gateway tests send invalid and unknown keys from 127.0.0.1 on purpose; the flood test lowers this.
    INVALID_KEYS_PER_MINUTE: "1000000",
    PORT: String(port),
    // The dev server listens on every interface, as `npm run dev` does, so 127.0.0.1 is not its own name.
    HOST: dev ? undefined : "127.0.0.1",
    ...options.env,
  };
  for (const [k, v] of Object.entries(merged)) if (v !== undefined) env[k] = v;
  const child: ChildProcess = spawn(process.execPath, command(options, port), {
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
  const deadline = Date.now() + (dev ? 120_000 : 60_000);
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
