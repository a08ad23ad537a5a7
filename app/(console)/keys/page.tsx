import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { KeyManager } from "@/components/keys/key-manager";
import { requireUser } from "@/lib/auth";

export const metadata: Metadata = { title: "API Key Generation" };

export default async function KeysPage() {
  const user = await requireUser();
  return (
    <>
      <PageHeader title="API Key Generation" intro="Create API auth keys, see when each was last used, and switch them on or off." />
      <KeyManager ownerId={user.id} />
    </>
  );
}
