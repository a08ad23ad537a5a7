// Where to go after signing in. Checking the string's first characters is not enough
// ("/\t/evil.example" passed such a check; browsers drop the tab and leave for another
// site), so the value is resolved the way a browser would and kept only if it stays here.

/** The path, query and hash of `value` if it resolves to `origin` itself; else `fallback`. */
export function safeCallbackUrl(value: unknown, origin: string, fallback = "/gateway"): string {
  if (typeof value !== "string" || value === "") return fallback;
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== new URL(origin).origin) return fallback;
  const target = url.pathname + url.search + url.hash;
  // "/.//evil.example" resolves to the path "//evil.example", which a Location header would
  // send to another host: a path must start with exactly one slash.
  return /^\/[^/\\]/.test(target) || target === "/" ? target : fallback;
}
