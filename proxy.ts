// Next.js 16's name for middleware.ts. Both halves are conveniences in front of checks
// that the pages, actions and gateway route make again themselves.
import { NextResponse, type NextFetchEvent, type NextMiddleware, type NextRequest } from "next/server";
import { auth } from "@/lib/auth";
import { GATEWAY_PREFIX } from "@/lib/gateway/forward";
import { refuse } from "@/lib/gateway/handle";
import { verifyApiKey } from "@/lib/gateway/verify";

// auth used inline as middleware: signed out, its `authorized` callback redirects to sign-in.
// (next-auth's typings miss this call form, which it documents and supports.)
const checkSession = auth as unknown as NextMiddleware;

export async function proxy(request: NextRequest, event: NextFetchEvent) {
  if (request.nextUrl.pathname.startsWith(GATEWAY_PREFIX)) {
    const startedAt = performance.now();
    const verification = await verifyApiKey(request);
    return verification.ok ? NextResponse.next() : refuse(request, verification.refusal, startedAt);
  }
  return checkSession(request, event);
}

export const config = {
  matcher: [
    "/dashboard/:path*",
    "/smart-contracts/:path*",
    "/gateway/:path*",
    "/transactions/:path*",
    "/subscription/:path*",
    "/keys/:path*",
    "/settings/:path*",
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
