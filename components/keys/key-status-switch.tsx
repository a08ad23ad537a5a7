"use client";

import { useOptimistic, useState, useTransition } from "react";
import { useHydrated } from "@/components/ui/script-button";
import { Switch } from "@/components/ui/switch";
import { setKeyActiveAction } from "@/lib/actions/keys";

const UNREACHABLE = "Could not reach the server; the key was not changed.";

export function KeyStatusSwitch({ id, name, active }: { id: string; name: string; active: boolean }) {
  // Shows the wanted state at once; falls back to the server's value if the write fails.
  const [shown, show] = useOptimistic(active);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const hydrated = useHydrated(); // before it, a click would be lost

  function change(next: boolean) {
    setError(null);
    startTransition(async () => {
      show(next);
      const result = await setKeyActiveAction({ id, active: next }).catch(() => ({ ok: false as const, message: UNREACHABLE }));
      if (!result.ok) setError(`“${name}” is still ${active ? "active" : "inactive"}: ${result.message}`);
    });
  }

  return (
    <div className="flex min-w-0 items-center gap-2">
      <Switch checked={shown} onCheckedChange={change} aria-label={`${name} active`} aria-busy={pending} disabled={!hydrated} />
      <span className={`text-sm ${shown ? "text-emerald-700" : "text-zinc-500"}`} aria-hidden>
        {shown ? "Active" : "Inactive"}
      </span>
      <span role="alert" className="text-sm text-red-700">
        {error}
      </span>
    </div>
  );
}
