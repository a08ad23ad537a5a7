"use client";

import { TriangleAlert } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { DialogClose, DialogContent } from "@/components/ui/dialog";

export function ShowKeyOnce({ apiKey, name, description }: { apiKey: string; name: string; description?: string }) {
  const field = useRef<HTMLInputElement>(null);
  const [origin, setOrigin] = useState("");
  useEffect(() => {
    field.current?.focus();
    field.current?.select();
    setOrigin(window.location.origin);
  }, []);
  const curl = `curl -H "x-api-key: ${apiKey}" ${origin}/api/gateway/whoami`;
  return (
    <DialogContent title="Save your API auth key" description={description ?? `“${name}” is ready. Copy its key now.`} dismissOnOutsideClick={false}>
      <div className="space-y-4">
        <p className="flex gap-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" role="note">
          <TriangleAlert size={18} className="mt-0.5 shrink-0" aria-hidden />
          This is the only time the full key is shown. Store it somewhere safe: once you close this window it cannot be shown again, only replaced.
        </p>
        <div>
          <label htmlFor="new-api-key" className="text-sm font-semibold">
            API auth key
          </label>
          <div className="mt-1 flex flex-col gap-2 sm:flex-row">
            <input
              ref={field}
              id="new-api-key"
              readOnly
              value={apiKey}
              spellCheck={false}
              className="w-full rounded-md border border-zinc-300 bg-zinc-50 px-3 py-2 font-mono text-sm"
            />
            <CopyButton value={apiKey} label="Copy key" fallbackTarget="new-api-key" />
          </div>
        </div>
        <div>
          <p className="text-sm font-semibold">Try it</p>
          <pre className="mt-1 whitespace-pre-wrap [overflow-wrap:anywhere] rounded-md bg-zinc-900 p-3 font-mono text-xs text-zinc-100">{curl}</pre>
        </div>
        <div className="flex justify-end">
          <DialogClose asChild>
            <Button>I have saved my key</Button>
          </DialogClose>
        </div>
      </div>
    </DialogContent>
  );
}
