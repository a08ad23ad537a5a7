// Next.js 16's name for middleware.ts.
// - Every page: a Content-Security-Policy with a fresh nonce (Next.js reads it from the
//   request header and puts it on its own scripts), and HSTS in production over HTTPS.
// - Console pages: a cookie check that redirects signed-out visitors to sign-in; pages and
//   actions check the session (against the database) again themselves.
// - Gateway traffic never comes here: server.ts's lane answers /api/gateway/* before
//   Next.js's router (README, "Where the check lives").
import { type NextFetchEvent, type NextMiddleware, type NextRequest, NextResponse } from "next/server";
import { auth } from "@/lib/auth";
import { contentSecurityPolicy, newNonce } from "@/lib/content-security-policy";
import { env } from "@/lib/env";
import { isConsolePath } from "@/lib/routes";

const HSTS = "max-age=63072000; includeSubDomains";

function signInRedirect(request: NextRequest): Response {
  const signIn = new URL("/sign-in", request.nextUrl);
  signIn.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(signIn);
}

const overHttps = (request: NextRequest) => request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";

// next-auth's wrapper decodes the session cookie into request.auth (no database here). With
// a lazily built config (lib/auth.ts) the wrapper itself comes back in a promise.
const pages = auth((request) => {
  if (isConsolePath(request.nextUrl.pathname) && !request.auth?.user) return signInRedirect(request);
  const csp = contentSecurityPolicy(newNonce(), env().NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  if (env().NODE_ENV === "production" && overHttps(request)) response.headers.set("strict-transport-security", HSTS);
  return response;
}) as unknown as Promise<NextMiddleware>; // next-auth's typings miss this documented call form

export async function proxy(request: NextRequest, event: NextFetchEvent) {
  return (await pages)(request, event);
}

export const config = {
  // Every page (the console's sections are told apart in proxy() by lib/routes.ts).
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico).*)"],
};
