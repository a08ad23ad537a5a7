"use client";

import { Plus } from "lucide-react";
import { CreateKeyForm } from "@/components/keys/create-key-form";
import type { RatePolicy } from "@/components/keys/key-fields";
import { Dialog, DialogTrigger } from "@/components/ui/dialog";
import { ScriptButton } from "@/components/ui/script-button";
import { useFreshDialog } from "@/components/ui/use-fresh-dialog";

export function CreateKeyDialog({ policy }: { policy: RatePolicy }) {
  // A new form each time the dialog opens: the key shown once leaves memory with the old one.
  const { open, generation, onOpenChange } = useFreshDialog();
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <ScriptButton>
          <Plus size={18} aria-hidden />
          Create API Auth Key
        </ScriptButton>
      </DialogTrigger>
      {open ? <CreateKeyForm key={generation} policy={policy} /> : null}
    </Dialog>
  );
}
