// During an outage every request fails the same way: one line per kind of failure every
// few seconds says as much as thousands would.
const lastLogged = new Map<string, number>();
const INTERVAL_MS = 5_000;

export function logThrottled(kind: string, message: string): void {
  const now = Date.now();
  if (now - (lastLogged.get(kind) ?? 0) < INTERVAL_MS) return;
  lastLogged.set(kind, now);
  console.error(`Gatehouse: ${message}`);
}
