// Reached only when a gateway request gets past server.ts's lane (see lib/gateway/next-fallback.ts).
import { answerGatewayInNext } from "@/lib/gateway/next-fallback";

export const dynamic = "force-dynamic";

export const GET = answerGatewayInNext;
export const HEAD = answerGatewayInNext;
export const POST = answerGatewayInNext;
export const PUT = answerGatewayInNext;
export const PATCH = answerGatewayInNext;
export const DELETE = answerGatewayInNext;
export const OPTIONS = answerGatewayInNext;
