// Signing in over HTTP, as a browser would: next-auth's CSRF token, then its credentials callback.
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token=/;

function cookiePairs(setCookies: string[]): string[] {
  return setCookies.map((c) => c.split(";")[0]);
}

/** Returns the Cookie header of a signed-in session, or throws. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiePairs(csrf.headers.getSetCookie()).join("; ") },
    body: new URLSearchParams({ csrfToken, email, password }),
  });
  const session = cookiePairs(response.headers.getSetCookie()).find((c) => SESSION_COOKIE.test(c));
  if (!session) throw new Error(`sign-in failed for ${email}: ${response.status} ${response.headers.get("location")}`);
  return session;
}
