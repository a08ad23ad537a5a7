"use client";
// A dialog whose form is made anew each time it opens (the form's `key` is the generation):
// no refused values or a key shown once stay behind in memory, and an edit form starts from
// the row's current values.
import { useCallback, useState } from "react";

export function useFreshDialog() {
  const [open, setOpen] = useState(false);
  const [generation, setGeneration] = useState(0);
  const onOpenChange = useCallback((next: boolean) => {
    setOpen(next);
    if (!next) setGeneration((g) => g + 1);
  }, []);
  const close = useCallback(() => onOpenChange(false), [onOpenChange]);
  return { open, generation, onOpenChange, close };
}
