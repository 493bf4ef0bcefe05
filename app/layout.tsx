import type { Metadata, Viewport } from "next";
import { documentLanguage } from "@/lib/public/request-locale";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Status", template: "%s" },
  description: "Service status and incident history",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

// <html lang> is the language the page is rendered in: the public pages' per-request
// language (lib/public/request-locale.ts), English for the console.
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang={await documentLanguage()}>
      <body className="min-h-screen bg-white font-sans text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">{children}</body>
    </html>
  );
}
