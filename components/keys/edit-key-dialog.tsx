"use client";

import { Pencil } from "lucide-react";
import { useEffect } from "react";
import { validateKeyForm } from "@/components/keys/create-key-form";
import { KeyFields, type RatePolicy } from "@/components/keys/key-fields";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { ScriptButton } from "@/components/ui/script-button";
import { useActionForm } from "@/components/ui/use-action-form";
import { useFreshDialog } from "@/components/ui/use-fresh-dialog";
import type { KeyListItem } from "@/db/queries/keys";
import { editKeyAction } from "@/lib/actions/keys";
import { editKeySchema } from "@/lib/validation";

const validate = validateKeyForm(editKeySchema);
type Props = { apiKey: Pick<KeyListItem, "id" | "name" | "description" | "rateLimitPerMinute">; policy: RatePolicy };

export function EditKeyDialog({ apiKey, policy }: Props) {
  const { open, generation, onOpenChange, close } = useFreshDialog(); // a fresh form, with the key's current values, each time
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <ScriptButton variant="ghost" size="sm" aria-label={`Edit ${apiKey.name}`} title={`Edit ${apiKey.name}`}>
          <Pencil size={16} aria-hidden />
        </ScriptButton>
      </DialogTrigger>
      {open ? <EditKeyForm key={generation} apiKey={apiKey} policy={policy} onDone={close} /> : null}
    </Dialog>
  );
}

function EditKeyForm({ apiKey, policy, onDone }: Props & { onDone: () => void }) {
  const { ref, state, formAction, pending, errors, message, values, onSubmit } = useActionForm(editKeyAction, validate);
  useEffect(() => {
    if (state?.ok) onDone(); // saved: the list shows the new values (revalidated)
  }, [state, onDone]);
  const current = {
    name: apiKey.name,
    description: apiKey.description ?? "",
    rateLimit: apiKey.rateLimitPerMinute === null ? "" : String(apiKey.rateLimitPerMinute),
  };
  return (
    <DialogContent title={`Edit “${apiKey.name}”`} description="The key itself does not change: requests that use it keep working.">
      <form ref={ref} action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
        <input type="hidden" name="id" value={apiKey.id} />
        <KeyFields values={state && !state.ok ? values : current} errors={errors} message={message} policy={policy} autoFocus />
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save changes"}
          </Button>
        </div>
      </form>
    </DialogContent>
  );
}
