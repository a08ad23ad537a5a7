// The console's Content-Security-Policy: a fresh nonce per response, which Next.js reads
// from the request's own CSP header and puts on its scripts. It is the backstop for an XSS.
const DIRECTIVES = (nonce: string, dev: boolean) => [
  "default-src 'self'",
  // 'strict-dynamic': scripts loaded by a nonced script are trusted; nothing else is.
  // Dev only: React rebuilds server error stacks with eval, and Turbopack's HMR too.
  `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
  // Dev only: Turbopack injects the CSS it hot-reloads as <style> elements without a nonce.
  `style-src 'self' ${dev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
  // Style attributes cannot run script or select elements; Radix renders one on the server
  // (a hidden checkbox beside each switch), so they are allowed, <style> elements are not.
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
];

export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
}

export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return DIRECTIVES(nonce, dev).join("; ");
}
