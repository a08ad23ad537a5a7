import Link from "next/link";
import { Sidebar } from "@/components/console/sidebar";
import { requireUser } from "@/lib/auth";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <div className="min-h-dvh md:flex">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
        Skip to content
      </a>
      <Sidebar email={user.email} />
      <main id="main" className="min-w-0 flex-1 px-4 py-6 md:px-10 md:py-10">
        <div className="mx-auto max-w-6xl">
          {user.passwordNeedsChange ? (
            <p className="mb-6 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
              Your password no longer meets our rules.{" "}
              <Link href="/settings" className="font-semibold underline underline-offset-2">
                Change it in Settings
              </Link>
              .
            </p>
          ) : null}
          {children}
        </div>
      </main>
    </div>
  );
}
