import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { GatewayInfo } from "@/components/gateway/gateway-info";
import { KeyManager } from "@/components/keys/key-manager";
import { requireUser } from "@/lib/auth";
import { env } from "@/lib/env";
import { requestOrigin } from "@/lib/request-origin";
import { keyListFilterSchema } from "@/lib/validation";

export const metadata: Metadata = { title: "API Gateway" };

export default async function GatewayPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const filter = keyListFilterSchema.parse(await searchParams);
  return (
    <>
      <PageHeader
        title="API Gateway"
        intro="Put your HTTP service behind the gateway and hand out API auth keys: only requests with an active key get through."
      />
      <GatewayInfo origin={await requestOrigin()} upstream={env().GATEWAY_UPSTREAM_URL ?? null} />
      <KeyManager ownerId={user.id} filter={filter} path="/gateway" />
    </>
  );
}
