// Sequential timings of one URL, and the RSS of a process group while something runs.
import { execFileSync } from "node:child_process";

export type Timing = { p50: number; p95: number; p99: number; max: number; n: number };

const at = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];

/** `n` requests one after another (after `warm` unmeasured ones), each timed until its body is read. */
export async function timeRequests(url: string, headers: Record<string, string>, n: number, warm = 10, expect?: string): Promise<Timing> {
  const times: number[] = [];
  for (let i = 0; i < warm + n; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers, redirect: "manual" });
    const body = await response.text();
    const elapsed = performance.now() - started;
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    if (expect && !body.includes(expect)) throw new Error(`${url} did not contain ${JSON.stringify(expect)}`);
    if (i >= warm) times.push(elapsed);
  }
  times.sort((a, b) => a - b);
  return { p50: at(times, 0.5), p95: at(times, 0.95), p99: at(times, 0.99), max: times[times.length - 1], n };
}

/** Resident memory of every process in the group, in MB. */
export function groupRssMb(pgid: number): number {
  const out = execFileSync("ps", ["-o", "rss=", "-g", String(pgid)], { encoding: "utf8" });
  return (
    out
      .split("\n")
      .map((l) => Number(l.trim()) || 0)
      .reduce((a, b) => a + b, 0) / 1024
  );
}

export const fmt = (t: Timing) =>
  `p50 ${t.p50.toFixed(1)} ms · p95 ${t.p95.toFixed(1)} ms · p99 ${t.p99.toFixed(1)} ms · max ${t.max.toFixed(1)} ms (n=${t.n})`;
