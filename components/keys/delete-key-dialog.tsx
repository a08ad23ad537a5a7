"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { FormMessage } from "@/components/ui/field";
import { ScriptButton } from "@/components/ui/script-button";
import { deleteKeyAction } from "@/lib/actions/keys";

/** `after`: where to go once deleted (the key's own page is gone then). */
export function DeleteKeyDialog({ id, name, after }: { id: string; name: string; after?: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function confirm() {
    setError(null);
    startTransition(async () => {
      const result = await deleteKeyAction({ id }).catch(() => ({ ok: false as const, message: "Could not reach the server; the key was not deleted." }));
      if (result.ok) {
        setOpen(false);
        if (after) router.push(after);
      } else setError(result.message);
    });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setError(null);
      }}
    >
      <DialogTrigger asChild>
        <ScriptButton variant="ghost" size="sm" aria-label={`Delete ${name}`} title={`Delete ${name}`}>
          <Trash2 size={16} aria-hidden />
        </ScriptButton>
      </DialogTrigger>
      <DialogContent
        role="alertdialog"
        title={`Delete “${name}”?`}
        description="Requests that use this key are refused from the moment it is deleted. This cannot be undone."
      >
        <FormMessage message={error} />
        <div className="mt-4 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button variant="danger" onClick={confirm} disabled={pending}>
            {pending ? "Deleting…" : "Delete key"}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
