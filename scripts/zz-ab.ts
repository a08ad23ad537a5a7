// temporary A/B harness (not committed): reference vs several server builds, alternating, same run
import os from "node:os";
import autocannon from "autocannon";
import { type BenchProcess, startProcess } from "@/scripts/bench/server";

const [key, what, seconds, ...files] = process.argv.slice(2);
const port = 3900 + Math.floor(Math.random() * 50);
const upstream = await startProcess(["--import", "tsx", "scripts/bench/upstream.ts", String(port + 2)], port + 2, "/");
const reference = await startProcess(["--import", "tsx", "scripts/bench/reference.ts", String(port + 1), String(port + 2), key], port + 1, "/");

import { readFileSync } from "node:fs";

const cpu = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(f[11]) + Number(f[12])) * 10;
};
const m = async (url: string, s: number, pid = 0) => {
  const c0 = pid ? cpu(pid) : 0;
  const r = await autocannon({ url, connections: 32, duration: s, headers: { "x-api-key": key } });
  const us = pid ? ((cpu(pid) - c0) * 1000) / r.requests.total : 0;
  return { rps: Math.round(r.requests.average), p99: r.latency.p99, us: us.toFixed(0) };
};
const path = what === "whoami" ? "/whoami" : "/items";
const results: Record<string, string[]> = { reference: [] };
console.log(
  "load",
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" "),
);
for (let round = 0; round < 2; round++) {
  const r = await m(`${reference.url}${path}`, Number(seconds), reference.pid);
  results.reference.push(`${r.rps} (p99 ${r.p99}) ${r.us} µs CPU/req`);
  for (const file of files) {
    const p = port + 10 + files.indexOf(file);
    const gh: BenchProcess = await startProcess([file], p, "/api/health", {
      NODE_ENV: "production",
      PORT: String(p),
      HOST: "127.0.0.1",
      DATABASE_URL: "postgres://postgres@127.0.0.1:5432/lane_dev",
      AUTH_SECRET: "test-secret-test-secret-test-secret-0123",
      GATEWAY_UPSTREAM_URL: upstream.url,
    });
    await m(`${gh.url}/api/gateway${path}`, 2);
    const g = await m(`${gh.url}/api/gateway${path}`, Number(seconds), gh.pid);
    (results[file] ??= []).push(`${g.rps} (p99 ${g.p99}) ${(g.rps / r.rps).toFixed(2)}× ${g.us} µs CPU/req`);
    await gh.stop();
  }
}
console.log(what, JSON.stringify(results, null, 1));
console.log(
  "load",
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" "),
);
for (const p of [reference, upstream]) await p.stop();
