import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { AuditTable } from "@/components/audit/audit-table";
import { PageHeader } from "@/components/console/page-header";
import { Pager } from "@/components/ui/pager";
import { listAudit } from "@/db/queries/audit";
import { requireUser } from "@/lib/auth";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({ searchParams }: { searchParams: Promise<{ password?: string; after?: string }> }) {
  const user = await requireUser();
  const { password, after } = await searchParams;
  const changed = password === "changed";
  const log = await listAudit(user.id, { after: typeof after === "string" ? after : undefined });
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
      <section aria-labelledby="security-log-heading" className="mt-10">
        <h2 id="security-log-heading" className="text-lg font-semibold">
          Security log
        </h2>
        <p className="mb-3 mt-1 text-sm text-zinc-600">
          Every sign-in, password and plan change, and every change to your keys, newest first. Entries cannot be changed or removed; they are kept for a year.
        </p>
        {log.entries.length ? (
          <AuditTable entries={log.entries} label="Security log table" keyLinks />
        ) : (
          <p className="text-sm text-zinc-600">No entries yet.</p>
        )}
        <Pager
          label="Security log pages"
          previous={null}
          next={log.next}
          first={after ? "/settings#security-log-heading" : undefined}
          href={({ after: cursor }) => `/settings?after=${cursor ?? ""}#security-log-heading`}
        />
      </section>
    </>
  );
}
