"use client";

import * as RadixDialog from "@radix-ui/react-dialog";
import { Menu, ShieldCheck, X } from "lucide-react";
import { useState } from "react";
import { Nav } from "@/components/console/nav";
import { Button } from "@/components/ui/button";
import { ScriptButton } from "@/components/ui/script-button";
import { signOutAction } from "@/lib/actions/session";

function Brand() {
  return (
    <span className="flex items-center gap-2 text-lg font-bold">
      <ShieldCheck size={22} aria-hidden />
      Gatehouse
    </span>
  );
}

function Account({ email }: { email: string }) {
  return (
    <div className="border-t border-zinc-200 pt-4">
      <p className="text-xs text-zinc-500">Signed in as</p>
      <p className="truncate text-sm font-semibold" title={email}>
        {email}
      </p>
      <form action={signOutAction} className="mt-3">
        <Button type="submit" variant="secondary" size="sm" className="w-full">
          Sign out
        </Button>
      </form>
    </div>
  );
}

/** A fixed column from md up; below that a top bar whose menu opens the same links in a sheet. */
export function Sidebar({ email }: { email: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <header className="sticky top-0 z-30 flex items-center justify-between border-b border-zinc-200 bg-white px-4 py-3 md:hidden">
        <Brand />
        <RadixDialog.Root open={open} onOpenChange={setOpen}>
          <RadixDialog.Trigger asChild>
            <ScriptButton variant="secondary" size="sm">
              <Menu size={18} aria-hidden />
              Menu
            </ScriptButton>
          </RadixDialog.Trigger>
          <RadixDialog.Portal>
            <RadixDialog.Overlay className="fixed inset-0 z-40 bg-zinc-950/50" />
            <RadixDialog.Content className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col gap-6 overflow-y-auto bg-white p-4">
              <div className="flex items-center justify-between">
                <RadixDialog.Title asChild>
                  <span>
                    <Brand />
                  </span>
                </RadixDialog.Title>
                <RadixDialog.Description className="sr-only">Console sections</RadixDialog.Description>
                <RadixDialog.Close className="rounded p-1 text-zinc-500 hover:bg-zinc-100" aria-label="Close menu">
                  <X size={18} aria-hidden />
                </RadixDialog.Close>
              </div>
              <nav aria-label="Console">
                <Nav onNavigate={() => setOpen(false)} />
              </nav>
              <div className="mt-auto">
                <Account email={email} />
              </div>
            </RadixDialog.Content>
          </RadixDialog.Portal>
        </RadixDialog.Root>
      </header>
      <aside className="sticky top-0 hidden h-dvh w-64 shrink-0 flex-col gap-8 border-r border-zinc-200 bg-white p-5 md:flex">
        <Brand />
        <nav aria-label="Console" className="flex-1">
          <Nav />
        </nav>
        <Account email={email} />
      </aside>
    </>
  );
}
