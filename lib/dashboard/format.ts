// Numbers and times as the Dashboard prints them, the same on the server and in the browser
// (times in UTC, so a chart's tooltip and its table read alike).
const count = new Intl.NumberFormat("en-US");
const utcTime = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "UTC" });
const utcDay = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

export const formatCount = (n: number) => count.format(n);

/** Milliseconds, rounded as a person would read them; "—" for no data. */
export function formatMs(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1) return "< 1 ms";
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 10_000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

export function formatPercent(part: number, whole: number): string {
  if (whole === 0) return "—";
  const p = (part / whole) * 100;
  return `${p === 100 || p === 0 ? p : p.toFixed(1)}%`;
}

/** A chart point's label: the time for points under a day, else the day (UTC). */
export function formatPoint(iso: string, stepMs: number): string {
  const at = new Date(iso);
  if (stepMs >= 86_400_000) return utcDay.format(at);
  if (stepMs >= 6 * 3_600_000) return `${utcDay.format(at)} ${utcTime.format(at)}`;
  return utcTime.format(at);
}
