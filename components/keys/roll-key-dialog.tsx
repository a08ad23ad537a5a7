"use client";

import { RefreshCw } from "lucide-react";
import { useState } from "react";
import { ShowKeyOnce } from "@/components/keys/show-key-once";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { FormMessage } from "@/components/ui/field";
import { ScriptButton } from "@/components/ui/script-button";
import { useActionForm } from "@/components/ui/use-action-form";
import { useFreshDialog } from "@/components/ui/use-fresh-dialog";
import { rollKeyAction } from "@/lib/actions/keys";
import { GRACE_CHOICES } from "@/lib/keys/expiry";

/** A new secret for the key, shown once; the old one keeps working for the grace chosen. */
export function RollKeyDialog({ id, name }: { id: string; name: string }) {
  const { open, generation, onOpenChange } = useFreshDialog();
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <ScriptButton variant="secondary">
          <RefreshCw size={16} aria-hidden />
          Roll key
        </ScriptButton>
      </DialogTrigger>
      {open ? <RollKeyForm key={generation} id={id} name={name} /> : null}
    </Dialog>
  );
}

function RollKeyForm({ id, name }: { id: string; name: string }) {
  const { ref, state, formAction, pending, message, values } = useActionForm(rollKeyAction);
  const [grace, setGrace] = useState(values.grace ?? "86400");
  if (state?.ok) {
    const old =
      grace === "0"
        ? "The old secret stopped working just now."
        : `The old secret keeps working for ${GRACE_CHOICES[grace as keyof typeof GRACE_CHOICES]}, or less once it goes quiet.`;
    return <ShowKeyOnce apiKey={state.data.key} name={name} description={`“${name}” has a new secret. ${old}`} />;
  }
  return (
    <DialogContent title={`Roll “${name}”?`} description="The key gets a new secret. Its name, description, limits and history stay.">
      <form ref={ref} action={formAction} className="space-y-4">
        <input type="hidden" name="id" value={id} />
        <fieldset>
          <legend className="text-sm font-semibold text-zinc-800">How long may the old secret keep working?</legend>
          <div className="mt-2 space-y-2">
            {Object.entries(GRACE_CHOICES).map(([value, text]) => (
              <label key={value} className="flex items-center gap-2 text-[15px]">
                <input type="radio" name="grace" value={value} checked={grace === value} onChange={() => setGrace(value)} />
                {text}
              </label>
            ))}
          </div>
          <p className="mt-2 text-sm text-zinc-600">
            The grace also ends early once the new secret is in use and the old one has been quiet for 15 minutes, so a finished migration does not leave it
            open.
          </p>
        </fieldset>
        <FormMessage message={message} />
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button type="submit" disabled={pending}>
            {pending ? "Rolling…" : "Roll key"}
          </Button>
        </div>
      </form>
    </DialogContent>
  );
}
