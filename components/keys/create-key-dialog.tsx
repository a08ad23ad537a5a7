"use client";

import { Plus } from "lucide-react";
import { useState } from "react";
import { CreateKeyForm } from "@/components/keys/create-key-form";
import { Button } from "@/components/ui/button";
import { Dialog, DialogTrigger } from "@/components/ui/dialog";

export function CreateKeyDialog() {
  const [open, setOpen] = useState(false);
  // A new form each time the dialog opens: the key shown once leaves memory with the old one.
  const [generation, setGeneration] = useState(0);
  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) setGeneration((g) => g + 1);
  }
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <Plus size={18} aria-hidden />
          Create API Auth Key
        </Button>
      </DialogTrigger>
      {open ? <CreateKeyForm key={generation} /> : null}
    </Dialog>
  );
}
