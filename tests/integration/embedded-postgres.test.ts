import { spawn } from "node:child_process";
import { chmod, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function select1(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql`select 1 as one`;
    return row.one;
  } finally {
    await sql.end();
  }
}

describe("the embedded PostgreSQL", () => {
  const dirs: string[] = [];
  async function folder(): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), "gatehouse-embedded-"));
    await chmod(dir, 0o755);
    dirs.push(dir);
    return path.join(dir, "pg");
  }
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it("initialises, migrates, stops and starts again on its data", async () => {
    const dir = await folder();
    const first = await startEmbeddedPostgres(dir);
    await migrateDatabase(first.url);
    const sql = postgres(first.url, { max: 1 });
    await sql`insert into users (email, password_hash) values ('kept@example.com', 'x')`;
    await sql.end();
    await first.stop();
    const second = await startEmbeddedPostgres(dir);
    const again = postgres(second.url, { max: 1 });
    expect((await again`select count(*)::int as n from users where email = 'kept@example.com'`)[0].n).toBe(1);
    await again.end();
    await second.stop();
  });

  it("recovers from a server killed with SIGKILL, whose PostgreSQL kept running", async () => {
    const dir = await folder();
    const child = spawn(process.execPath, ["--import", "tsx", "tests/fixtures/start-embedded.ts", dir], { stdio: ["ignore", "pipe", "inherit"] });
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout?.on("data", (d) => {
        out += d;
        const match = /URL (\S+)/.exec(out);
        if (match) resolve(match[1]);
      });
      child.once("exit", (code) => reject(new Error(`fixture exited with ${code}`)));
    });
    expect(await select1(url)).toBe(1);
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    const orphan = Number((await readFile(path.join(dir, "postmaster.pid"), "utf8")).split("\n")[0]);
    expect(alive(orphan)).toBe(true); // the trap: PostgreSQL outlived its parent

    const restarted = await startEmbeddedPostgres(dir);
    expect(restarted.owned).toBe(true);
    expect(alive(orphan)).toBe(false);
    expect(await select1(restarted.url)).toBe(1);
    await restarted.stop();
  });
});
