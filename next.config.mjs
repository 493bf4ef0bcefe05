/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // lib/public/page-script.ts builds the public pages' script with esbuild at run time (a native
  // binary and its helper process): it must load from node_modules, not be bundled.
  serverExternalPackages: ["esbuild"],
  reactStrictMode: true,
  experimental: {
    // forbidden(): console pages a role may not open answer a real 403 page.
    authInterrupts: true,
    // The console's subscriber CSV import takes files up to 5 MB (lib/subscribers/schemas.ts
    // IMPORT_MAX_BYTES), posted as multipart form data to a server action (default limit 1 MB).
    // proxy.ts refuses a bigger call itself (lib/http/server-action-request.ts ACTION_BODY_LIMIT_BYTES: keep the two equal).
    serverActions: { bodySizeLimit: "6mb" },
    // Next loads every route's server module at start by default; a Vigil process mostly
    // serves the public pages (from its own cache), so load each route on its first request.
    preloadEntriesOnStart: false,
  },
};

export default nextConfig;
