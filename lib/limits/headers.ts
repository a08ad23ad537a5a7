// The IETF RateLimit fields (draft-ietf-httpapi-ratelimit-headers): RateLimit-Policy names
// each limit (q: quota, w: window in seconds), RateLimit says what is left (r) and when it
// resets (t, seconds).
export type PolicyState = { name: "key" | "month"; quota: number; windowSeconds: number; remaining: number; resetSeconds: number };

export function rateLimitHeaders(policies: PolicyState[]): Record<string, string> {
  if (!policies.length) return {};
  return {
    "ratelimit-policy": policies.map((p) => `"${p.name}";q=${p.quota};w=${p.windowSeconds}`).join(", "),
    ratelimit: policies.map((p) => `"${p.name}";r=${Math.max(0, p.remaining)};t=${Math.max(0, p.resetSeconds)}`).join(", "),
  };
}
