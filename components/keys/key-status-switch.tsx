"use client";

import { useOptimistic, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent } from "@/components/ui/dialog";
import { relativeTime } from "@/components/ui/local-time";
import { useHydrated } from "@/components/ui/script-button";
import { Switch } from "@/components/ui/switch";
import type { KeyImpact } from "@/db/queries/key-insight";
import { keyImpactAction, setKeyActiveAction } from "@/lib/actions/keys";

const UNREACHABLE = "Could not reach the server; the key was not changed.";

/** "412 calls in the last 24 h, last from 203.0.113.9, 2 minutes ago." */
export function describeImpact({ calls, last }: KeyImpact, now = Date.now()): string {
  const from = last ? `, last from ${last.clientIp ?? "an unknown address"}, ${relativeTime(new Date(last.createdAt), now)}` : "";
  return `${calls.toLocaleString("en-US")} ${calls === 1 ? "call" : "calls"} in the last 24 h${from}.`;
}

export function KeyStatusSwitch({ id, name, active }: { id: string; name: string; active: boolean }) {
  // Shows the wanted state at once; falls back to the server's value if the write fails.
  const [shown, show] = useOptimistic(active);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [impact, setImpact] = useState<KeyImpact | null>(null);
  const control = useRef<HTMLButtonElement>(null);
  const hydrated = useHydrated(); // before it, a click would be lost

  function apply(next: boolean) {
    setError(null);
    setImpact(null);
    startTransition(async () => {
      show(next);
      const result = await setKeyActiveAction({ id, active: next }).catch(() => ({ ok: false as const, message: UNREACHABLE }));
      if (!result.ok) setError(`“${name}” is still ${active ? "active" : "inactive"}: ${result.message}`);
    });
  }

  // Switching a key off that is in use first says what it will stop; a quiet key (or a
  // preview that cannot be had) switches at once, as switching on always does.
  function change(next: boolean) {
    if (next) return apply(true);
    setError(null);
    startTransition(async () => {
      const preview = await keyImpactAction({ id }).catch(() => null);
      if (preview?.ok && preview.data.calls > 0) setImpact(preview.data);
      else apply(false);
    });
  }

  return (
    <div className="flex min-w-0 items-center gap-2">
      <Switch ref={control} checked={shown} onCheckedChange={change} aria-label={`${name} active`} aria-busy={pending} disabled={!hydrated} />
      <span className={`text-sm ${shown ? "text-emerald-700" : "text-zinc-500"}`} aria-hidden>
        {shown ? "Active" : "Inactive"}
      </span>
      <span role="alert" className="text-sm text-red-700">
        {error}
      </span>
      <Dialog open={impact !== null} onOpenChange={(open) => (open ? null : setImpact(null))}>
        {impact ? (
          <DialogContent
            role="alertdialog"
            title={`Switch off “${name}”?`}
            description={`${describeImpact(impact)} Switch off?`}
            onCloseAutoFocus={(event) => {
              event.preventDefault();
              control.current?.focus();
            }}
          >
            <p className="text-sm text-zinc-700">Every request with this key will be refused with 403 key_disabled until it is switched on again.</p>
            <div className="mt-5 flex flex-wrap justify-end gap-2">
              <DialogClose asChild>
                <Button variant="secondary">Keep it on</Button>
              </DialogClose>
              <Button variant="danger" onClick={() => apply(false)}>
                Switch off
              </Button>
            </div>
          </DialogContent>
        ) : null}
      </Dialog>
    </div>
  );
}
