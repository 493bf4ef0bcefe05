import type { Metadata } from "next";
import { feedPath } from "@/lib/feeds/render";
import { getPageInfo } from "@/lib/public/snapshot";

// Every public page advertises the incident feeds, so browsers and feed readers find them
// from any page. Pages set only their title and description; one that sets `alternates`
// itself would replace these (metadata merges shallowly) and must repeat them.
export async function generateMetadata(): Promise<Metadata> {
  const { name } = await getPageInfo();
  return {
    alternates: {
      types: {
        "application/rss+xml": [{ url: feedPath("rss", null), title: `${name} incidents (RSS)` }],
        "application/atom+xml": [{ url: feedPath("atom", null), title: `${name} incidents (Atom)` }],
      },
    },
  };
}

export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return children;
}
