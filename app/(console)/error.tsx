"use client";

import { Button } from "@/components/ui/button";

// Shown when a console page cannot load, typically while the database is unreachable.
export default function ConsoleError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-white p-6">
      <h1 className="text-lg font-semibold">This page could not be loaded</h1>
      <p className="mt-1 text-zinc-600">Something went wrong on our side; nothing was changed. Try again in a moment.</p>
      <Button className="mt-4" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
