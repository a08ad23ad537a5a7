// temporary A/B harness (not committed)
import autocannon from "autocannon";
import { startProcess } from "@/scripts/bench/server";

const key = process.argv[2];
const port = 3900 + Math.floor(Math.random() * 50);
const upstream = await startProcess(["--import", "tsx", "scripts/bench/upstream.ts", String(port + 2)], port + 2, "/");
const reference = await startProcess(["--import", "tsx", "scripts/bench/reference.ts", String(port + 1), String(port + 2), key], port + 1, "/");
const gh = await startProcess(["dist/server.js"], port, "/api/health", {
  NODE_ENV: "production",
  PORT: String(port),
  HOST: "127.0.0.1",
  DATABASE_URL: "postgres://postgres@127.0.0.1:5432/lane_dev",
  AUTH_SECRET: "test-secret-test-secret-test-secret-0123",
  GATEWAY_UPSTREAM_URL: upstream.url,
});
const m = async (url: string, s: number) => {
  const r = await autocannon({ url, connections: 32, duration: s, headers: { "x-api-key": key } });
  return Math.round(r.requests.average);
};
const what = process.argv[3] ?? "whoami";
const refUrl = what === "whoami" ? `${reference.url}/whoami` : `${reference.url}/items`;
const ghUrl = what === "whoami" ? `${gh.url}/api/gateway/whoami` : `${gh.url}/api/gateway/items`;
await m(refUrl, 2);
await m(ghUrl, 2);
const out: string[] = [];
for (let i = 0; i < 2; i++) {
  const r = await m(refUrl, 4);
  const g = await m(ghUrl, 4);
  out.push(`ref ${r} gh ${g} ratio ${(g / r).toFixed(2)}`);
}
console.log(what, out.join(" | "), "rss", gh.rssMb().toFixed(0));
for (const p of [gh, reference, upstream]) await p.stop();
