"use client";

import { forwardRef, useSyncExternalStore } from "react";
import { Button, type ButtonProps } from "@/components/ui/button";

const never = () => () => {};

/** False in the server's HTML and during hydration, true once React runs the page. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}

/**
 * A button that only script can serve (it opens a dialog, copies): disabled until the page
 * has hydrated, so an early click is not silently lost, and honest with JavaScript off.
 */
export const ScriptButton = forwardRef<HTMLButtonElement, ButtonProps>(function ScriptButton({ disabled, ...props }, ref) {
  const hydrated = useHydrated();
  return <Button ref={ref} disabled={!hydrated || disabled} {...props} />;
});
