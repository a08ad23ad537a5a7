import Link from "next/link";
import { CopyButton } from "@/components/ui/copy-button";

/** No traffic in the range: the one command that makes some, and where to get a key. */
export function EmptyDashboard({ origin, everUsed }: { origin: string; everUsed: boolean }) {
  const curl = `curl -H "x-api-key: YOUR_API_AUTH_KEY" ${origin}/api/gateway/whoami`;
  return (
    <section aria-labelledby="empty-heading" className="rounded-lg border border-dashed border-zinc-300 bg-white p-6">
      <h2 id="empty-heading" className="text-lg font-semibold">
        {everUsed ? "No requests in this range" : "No gateway traffic yet"}
      </h2>
      <p className="mt-1 text-zinc-600">
        Call the gateway with one of your keys and the charts fill in within a few seconds.{" "}
        <Link href="/keys" className="font-semibold underline underline-offset-2">
          Create a key
        </Link>{" "}
        if you have none, then try:
      </p>
      <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-start">
        <pre className="min-w-0 flex-1 whitespace-pre-wrap [overflow-wrap:anywhere] rounded-md bg-zinc-900 p-3 font-mono text-xs text-zinc-100">{curl}</pre>
        <CopyButton value={curl} label="Copy command" />
      </div>
    </section>
  );
}
