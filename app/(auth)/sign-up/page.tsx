import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CredentialsForm } from "@/components/account/credentials-form";
import { signUpAction } from "@/lib/actions/session";
import { currentUser } from "@/lib/auth";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage() {
  if (await currentUser()) redirect("/gateway");
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Create an account</h1>
      <p className="mb-5 text-sm text-zinc-600">
        Already have one?{" "}
        <Link href="/sign-in" className="font-semibold text-zinc-950 underline underline-offset-2">
          Sign in
        </Link>
      </p>
      <CredentialsForm action={signUpAction} submitLabel="Create account" pendingLabel="Creating account…" newPassword />
    </>
  );
}
