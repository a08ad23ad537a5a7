import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CredentialsForm } from "@/components/account/credentials-form";
import { signUpAction } from "@/lib/actions/session";
import { currentUser } from "@/lib/auth";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage() {
  if (await currentUser()) redirect("/gateway");
  const signIn = (
    <Link href="/sign-in" className="font-semibold text-zinc-950 underline underline-offset-2">
      Sign in
    </Link>
  );
  if (env().SIGNUP === "closed") {
    return (
      <>
        <h1 className="mb-1 text-xl font-semibold">Sign-up is closed</h1>
        <p className="text-sm text-zinc-600">Accounts on this Gatehouse are made by its operator. Ask them for one, or {signIn} if you have an account.</p>
      </>
    );
  }
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Create an account</h1>
      <p className="mb-5 text-sm text-zinc-600">Already have one? {signIn}</p>
      <CredentialsForm action={signUpAction} submitLabel="Create account" pendingLabel="Creating account…" newPassword />
    </>
  );
}
