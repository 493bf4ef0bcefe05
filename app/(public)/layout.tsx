import type { Metadata } from "next";
import { feedPath } from "@/lib/feeds/render";
import { requestTranslator } from "@/lib/public/request-locale";
import { getHomeSnapshot } from "@/lib/public/snapshot";

// Every public page advertises the incident feeds, the page's favicon, and a social preview
// (Open Graph / Twitter) naming the page and its current status, so a link pasted into a
// chat during an outage says what is going on. Pages set only their title and description;
// one that sets `alternates`, `icons` or `openGraph` itself would replace these (metadata
// merges shallowly) and must repeat them.
export async function generateMetadata(): Promise<Metadata> {
  const { value } = await getHomeSnapshot();
  const { page, status } = value;
  const { t, locale } = await requestTranslator(page.locale);
  const title = t("meta.pageTitle", { page: page.name });
  const statusText = t(`banner.${status.indicator}`);
  const description = page.metaDescription ?? t("meta.description", { status: statusText, page: page.name });
  const image = page.logoPath && !page.logoPath.endsWith(".svg") ? [{ url: `${page.url}${page.logoPath}`, alt: page.name }] : undefined;
  return {
    metadataBase: URL.canParse(page.url) ? new URL(page.url) : null,
    description,
    icons: page.faviconPath ? [{ url: page.faviconPath }] : undefined,
    alternates: {
      types: {
        "application/rss+xml": [{ url: feedPath("rss", null), title: t("meta.feedRss", { page: page.name }) }],
        "application/atom+xml": [{ url: feedPath("atom", null), title: t("meta.feedAtom", { page: page.name }) }],
      },
    },
    openGraph: {
      type: "website",
      siteName: title,
      title: `${title}: ${statusText}`,
      description,
      url: page.url,
      images: image,
      locale: locale.replace("-", "_"),
    },
    twitter: { card: "summary", title: `${title}: ${statusText}`, description, images: image },
  };
}

export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return children;
}
