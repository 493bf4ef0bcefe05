import type { Metadata } from "next";

export const metadata: Metadata = { robots: { index: false, follow: false } };

export default function StaffLayout({ children }: { children: React.ReactNode }) {
  return <div className="min-h-screen bg-zinc-50 dark:bg-zinc-950">{children}</div>;
}
