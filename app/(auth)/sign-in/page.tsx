import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CredentialsForm } from "@/components/account/credentials-form";
import { signInAction } from "@/lib/actions/session";
import { currentUser } from "@/lib/auth";
import { safeCallbackUrl } from "@/lib/callback-url";
import { DEMO_EMAIL, DEMO_PASSWORD } from "@/lib/demo";
import { env } from "@/lib/env";
import { requestOrigin } from "@/lib/request-origin";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl, await requestOrigin());
  if (await currentUser()) redirect(callbackUrl);
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Sign in</h1>
      {env().SIGNUP === "open" ? (
        <p className="mb-5 text-sm text-zinc-600">
          New here?{" "}
          <Link href="/sign-up" className="font-semibold text-zinc-950 underline underline-offset-2">
            Create an account
          </Link>
        </p>
      ) : (
        <p className="mb-5 text-sm text-zinc-600">Accounts are made by the operator of this Gatehouse.</p>
      )}
      <CredentialsForm action={signInAction} submitLabel="Sign in" pendingLabel="Signing in…" callbackUrl={callbackUrl} />
      {env().GATEHOUSE_DEMO ? (
        <p className="mt-5 rounded-md bg-zinc-100 p-3 text-sm text-zinc-700">
          Demo account: <span className="font-mono">{DEMO_EMAIL}</span> / <span className="font-mono">{DEMO_PASSWORD}</span>
        </p>
      ) : null}
    </>
  );
}
