// Next.js 16's name for middleware.ts.
// - Console pages: a cookie check that redirects to sign-in; pages and actions check the
//   session (against the database) again themselves.
// - Gateway traffic never comes here: server.ts's lane answers /api/gateway/* before
//   Next.js's router (README, "Where the check lives").
import { type NextFetchEvent, type NextMiddleware, type NextRequest, NextResponse } from "next/server";
import { auth } from "@/lib/auth";
import { isConsolePath } from "@/lib/routes";

// auth used inline as middleware: signed out, its `authorized` callback redirects to sign-in.
// (next-auth's typings miss this call form, which it documents and supports.)
const checkSession = auth as unknown as NextMiddleware;

export async function proxy(request: NextRequest, event: NextFetchEvent) {
  const { pathname } = request.nextUrl;
  if (isConsolePath(pathname)) return checkSession(request, event);
  return NextResponse.next();
}

export const config = {
  matcher: [
    // Pages: the console's sections are told apart in proxy() by lib/routes.ts.
    "/((?!api/|_next/|favicon.ico).*)",
  ],
};
