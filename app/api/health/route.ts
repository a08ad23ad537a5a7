import { isDraining } from "@/lib/gateway/drain";
import { databaseIsUp } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  // While shutting down, a load balancer should stop sending traffic here.
  const draining = isDraining();
  const up = !draining && (await databaseIsUp());
  return Response.json(
    { status: draining ? "shutting_down" : up ? "ok" : "unavailable", database: up ? "up" : "down" },
    { status: up ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
