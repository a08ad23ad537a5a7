// Next.js 16's name for middleware.ts.
// - Console pages: a cookie check that redirects to sign-in; pages and actions check the
//   session (against the database) again themselves.
// - Gateway: the key check, and then the whole answer (whoami or forwarding) from here.
//   Passing on to the route would cost a second trip through Next.js's router: measured
//   at ~40% of throughput (README, "Performance"). The route handler runs the same
//   handleGatewayRequest() for what does not pass through here (requests with a body,
//   see the matcher) or anything that slips past the proxy.
import { type NextFetchEvent, type NextMiddleware, type NextRequest, NextResponse } from "next/server";
import { auth } from "@/lib/auth";
import { GATEWAY_PREFIX } from "@/lib/gateway/forward";
import { handleGatewayRequest } from "@/lib/gateway/handle";
import { isConsolePath } from "@/lib/routes";

// auth used inline as middleware: signed out, its `authorized` callback redirects to sign-in.
// (next-auth's typings miss this call form, which it documents and supports.)
const checkSession = auth as unknown as NextMiddleware;

export async function proxy(request: NextRequest, event: NextFetchEvent) {
  const { pathname } = request.nextUrl;
  if (pathname.startsWith(GATEWAY_PREFIX)) return handleGatewayRequest(request);
  if (isConsolePath(pathname)) return checkSession(request, event);
  return NextResponse.next();
}

export const config = {
  matcher: [
    // Pages: the console's sections are told apart in proxy() by lib/routes.ts.
    "/((?!api/|_next/|favicon.ico).*)",
    // Next.js buffers (and past 10 MB cuts) a request body that passes through the proxy,
    // so requests with a body go straight to the gateway route, which checks the key itself.
    {
      source: "/api/gateway/:path*",
      missing: [
        { type: "header", key: "content-length" },
        { type: "header", key: "transfer-encoding" },
      ],
    },
  ],
};
