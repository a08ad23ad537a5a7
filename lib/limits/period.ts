// Monthly quotas count calendar months in UTC: the period is named by its first day.

/** "2026-11-01" for any moment in November 2026 (UTC). */
export function periodOf(at: Date = new Date()): string {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1)).toISOString().slice(0, 10);
}

/** When the period `at` falls in ends and the quota resets. */
export function periodEnd(at: Date = new Date()): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
}

export type Month = { period: string; from: number; until: number };
let month: Month = { period: "", from: 0, until: 0 };

/** The month a moment (epoch ms) falls in, worked out once a month rather than once a request. */
export function monthAt(ms: number): Month {
  if (ms < month.from || ms >= month.until) {
    const at = new Date(ms);
    month = { period: periodOf(at), from: Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1), until: periodEnd(at).getTime() };
  }
  return month;
}
