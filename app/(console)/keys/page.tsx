import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { KeyManager } from "@/components/keys/key-manager";
import { requireUser } from "@/lib/auth";
import { keyListFilterSchema } from "@/lib/validation";

export const metadata: Metadata = { title: "API Key Generation" };

export default async function KeysPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const filter = keyListFilterSchema.parse(await searchParams);
  return (
    <>
      <PageHeader title="API Key Generation" intro="Create API auth keys, see when each was last used, and switch them on or off." />
      <KeyManager ownerId={user.id} filter={filter} path="/keys" />
    </>
  );
}
