/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // forbidden(): console pages a role may not open answer a real 403 page.
  experimental: { authInterrupts: true },
};

export default nextConfig;
