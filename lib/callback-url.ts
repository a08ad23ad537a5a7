/** Only same-site paths: an absolute or protocol-relative URL would be an open redirect. */
export function safeCallbackUrl(value: unknown, fallback = "/gateway"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) {
    return fallback;
  }
  return value;
}
