import "@fontsource/source-sans-3/400.css";
import "@fontsource/source-sans-3/600.css";
import "@fontsource/source-sans-3/700.css";
import "@/app/globals.css";
import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import { ScriptReady } from "@/components/app/script-ready";

export const metadata: Metadata = {
  title: { default: "Gatehouse", template: "%s · Gatehouse" },
  description: "API gateway console: create, list and switch API auth keys.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request: Next.js can put the CSP nonce (proxy.ts) only on those.
  await connection();
  return (
    <html lang="en">
      <body className="font-sans">
        <ScriptReady />
        {children}
      </body>
    </html>
  );
}
