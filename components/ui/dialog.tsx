"use client";

import * as RadixDialog from "@radix-ui/react-dialog";
import { X } from "lucide-react";
import type { ReactNode } from "react";

export const Dialog = RadixDialog.Root;
export const DialogTrigger = RadixDialog.Trigger;
export const DialogClose = RadixDialog.Close;

type ContentProps = {
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  role?: "dialog" | "alertdialog";
  /** False while closing by a stray click would lose something (a key shown once). */
  dismissOnOutsideClick?: boolean;
  /** Where focus goes when it closes, for a dialog opened without a trigger (Radix returns it to the trigger). */
  onCloseAutoFocus?: (event: Event) => void;
};

export function DialogContent({ title, description, children, role = "dialog", dismissOnOutsideClick = true, onCloseAutoFocus }: ContentProps) {
  return (
    <RadixDialog.Portal>
      <RadixDialog.Overlay className="fixed inset-0 z-40 bg-zinc-950/50" />
      <RadixDialog.Content
        role={role}
        onCloseAutoFocus={onCloseAutoFocus}
        onInteractOutside={dismissOnOutsideClick ? undefined : (event) => event.preventDefault()}
        className="fixed left-1/2 top-1/2 z-50 max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg bg-white p-6 shadow-xl"
      >
        <RadixDialog.Title className="pr-8 text-lg font-semibold">{title}</RadixDialog.Title>
        {description ? (
          <RadixDialog.Description className="mt-1 text-sm text-zinc-600">{description}</RadixDialog.Description>
        ) : (
          <RadixDialog.Description className="sr-only">{title}</RadixDialog.Description>
        )}
        <div className="mt-5">{children}</div>
        <RadixDialog.Close className="absolute right-4 top-4 rounded p-1 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900" aria-label="Close">
          <X size={18} aria-hidden />
        </RadixDialog.Close>
      </RadixDialog.Content>
    </RadixDialog.Portal>
  );
}
