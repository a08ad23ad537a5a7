"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { ScriptButton } from "@/components/ui/script-button";

const ANNOUNCE = { idle: "", copied: "Copied to clipboard.", select: "Selected: press Ctrl+C to copy." };

/** Copies `value`; where the clipboard API is missing (plain http) it selects `fallbackTarget`'s text. */
export function CopyButton({ value, label = "Copy", fallbackTarget }: { value: string; label?: string; fallbackTarget?: string }) {
  const [state, setState] = useState<keyof typeof ANNOUNCE>("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      const target = fallbackTarget ? document.getElementById(fallbackTarget) : null;
      if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) target.select();
      setState("select");
    }
    setTimeout(() => setState("idle"), 2500);
  }
  return (
    <>
      <ScriptButton variant="secondary" size="sm" onClick={copy}>
        {state === "copied" ? <Check size={16} aria-hidden /> : <Copy size={16} aria-hidden />}
        {state === "copied" ? "Copied" : label}
      </ScriptButton>
      <span className="sr-only" aria-live="polite">
        {ANNOUNCE[state]}
      </span>
    </>
  );
}
