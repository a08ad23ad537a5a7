import { CopyButton } from "@/components/ui/copy-button";

export function GatewayInfo({ origin, upstream }: { origin: string; upstream: string | null }) {
  const baseUrl = `${origin}/api/gateway`;
  const curl = `curl -H "x-api-key: YOUR_API_AUTH_KEY" ${baseUrl}/whoami`;
  return (
    <section aria-labelledby="gateway-heading" className="mb-10 rounded-lg border border-zinc-200 bg-white p-5">
      <h2 id="gateway-heading" className="text-lg font-semibold">
        Calling the gateway
      </h2>
      <dl className="mt-3 space-y-3 text-[15px]">
        <div>
          <dt className="text-sm font-semibold text-zinc-600">Base URL</dt>
          <dd className="mt-1 flex flex-wrap items-center gap-2">
            <code className="break-all rounded bg-zinc-100 px-2 py-1 font-mono text-sm">{baseUrl}</code>
            <CopyButton value={baseUrl} label="Copy URL" />
          </dd>
        </div>
        <div>
          <dt className="text-sm font-semibold text-zinc-600">Check a key</dt>
          <dd className="mt-1 flex flex-col gap-2 sm:flex-row sm:items-start">
            <pre className="min-w-0 flex-1 whitespace-pre-wrap [overflow-wrap:anywhere] rounded-md bg-zinc-900 p-3 font-mono text-xs text-zinc-100">{curl}</pre>
            <CopyButton value={curl} label="Copy command" />
          </dd>
        </div>
        <div>
          <dt className="text-sm font-semibold text-zinc-600">Forwarding</dt>
          <dd className="mt-1 text-zinc-700">
            {upstream ? (
              <>
                Every other path under <code className="font-mono text-sm">/api/gateway/</code> goes to{" "}
                <code className="break-all font-mono text-sm">{upstream}</code>, with the key removed and{" "}
                <code className="font-mono text-sm">x-gateway-key-id</code> added.
              </>
            ) : (
              <>No upstream is configured yet (set GATEWAY_UPSTREAM_URL); other paths answer 404.</>
            )}
          </dd>
        </div>
      </dl>
      <p className="mt-4 text-sm text-zinc-600">
        Send the key in the <code className="font-mono">x-api-key</code> header or as <code className="font-mono">Authorization: Bearer</code>, never in the
        URL.
      </p>
    </section>
  );
}
