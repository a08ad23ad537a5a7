import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { PageHeader } from "@/components/console/page-header";
import { requireUser } from "@/lib/auth";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({ searchParams }: { searchParams: Promise<{ password?: string }> }) {
  const user = await requireUser();
  const changed = (await searchParams).password === "changed";
  return (
    <>
      <PageHeader title="Settings" />
      <section aria-labelledby="password-heading" className="rounded-lg border border-zinc-200 bg-white p-5">
        <h2 id="password-heading" className="text-lg font-semibold">
          Password
        </h2>
        <p className="mb-4 mt-1 text-sm text-zinc-600">
          Signed in as <span className="font-semibold">{user.email}</span>. Changing the password, like signing out, ends your sessions in every other browser.
        </p>
        {user.passwordNeedsChange && !changed ? (
          <p role="status" className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
            Your password no longer meets our rules (at least 15 characters, not a common password). Choose a new one below.
          </p>
        ) : null}
        {changed ? (
          <p role="status" className="mb-4 rounded-md bg-emerald-50 p-3 text-sm text-emerald-800">
            Password changed. Every other session has been signed out.
          </p>
        ) : null}
        <ChangePasswordForm />
      </section>
    </>
  );
}
