import type { DbOrTx } from "../db";
import { type Locale, toLocale } from "../i18n/locales";
import { withPublicUrl } from "../page/public-url";
import { assetPath } from "./assets";
import { brandPalette } from "./contrast";
import { PAGE_ID } from "./queries";

// The page's branding as messages carry it: the absolute logo URL (PNG only: SVG and WebP
// images are dropped by many email clients) and the brand colour's shade that is readable
// on white (emails are light).

export interface MessageBrand {
  name: string;
  /** The page's language: the subscription emails are written in it. */
  locale: Locale;
  logoUrl: string | null;
  accentColor: string | null;
}

type PageWithAssets = {
  name: string;
  url: string;
  locale?: string | null;
  brandColor: string | null;
  assets: { kind: string; sha256: string; contentType: string }[];
};

export function messageBrand(page: PageWithAssets): MessageBrand {
  const logo = page.assets.find((a) => a.kind === "logo" && a.contentType === "image/png");
  return {
    name: page.name,
    locale: toLocale(page.locale),
    logoUrl: logo ? `${page.url.replace(/\/+$/, "")}${assetPath(logo)}` : null,
    accentColor: page.brandColor ? (brandPalette(page.brandColor)?.light.shade ?? null) : null,
  };
}

export const BRAND_ASSETS_SELECT = { assets: { select: { kind: true, sha256: true, contentType: true } } } as const;

export async function loadMessageBrand(db: DbOrTx): Promise<MessageBrand> {
  const page = await db.pageSetting.findUniqueOrThrow({ where: { id: PAGE_ID }, include: BRAND_ASSETS_SELECT });
  return messageBrand(withPublicUrl(page));
}
