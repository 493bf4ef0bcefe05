import type { DbOrTx } from "../db";
import { NotFoundError } from "../errors";
import { toLocale } from "../i18n/locales";
import { env } from "../env";
import { ASSET_KINDS, type AssetKind, assetPath } from "./assets";
import { parseFooterLinks } from "./schemas";

// What the settings form, the management API and the public page read about a page.

export const PAGE_ID = 1;

export async function loadPageSettings(db: DbOrTx, pageId = PAGE_ID) {
  const row = await db.pageSetting.findUnique({
    where: { id: pageId },
    select: {
      name: true,
      url: true,
      timeZone: true,
      locale: true,
      brandColor: true,
      supportUrl: true,
      footerLinks: true,
      aboutMarkdown: true,
      metaDescription: true,
      setUpAt: true,
      updatedAt: true,
      assets: { select: { kind: true, sha256: true, contentType: true } },
    },
  });
  if (!row) throw new NotFoundError("page settings (run the migrations and seed)");
  const { assets, footerLinks, locale, ...rest } = row;
  const paths = Object.fromEntries(ASSET_KINDS.map((kind) => [kind, null])) as Record<AssetKind, string | null>;
  for (const asset of assets) if ((ASSET_KINDS as readonly string[]).includes(asset.kind)) paths[asset.kind as AssetKind] = assetPath(asset);
  const fromEnv = env().PUBLIC_URL?.replace(/\/+$/, "") ?? null;
  return {
    ...rest,
    locale: toLocale(locale),
    footerLinks: parseFooterLinks(footerLinks),
    logoPath: paths.logo,
    faviconPath: paths.favicon,
    /** The URL in effect: PUBLIC_URL wins over the stored one, and the form says so. */
    url: fromEnv ?? rest.url,
    storedUrl: rest.url,
    urlFromEnvironment: fromEnv !== null,
  };
}
export type PageSettings = Awaited<ReturnType<typeof loadPageSettings>>;

export async function loadInstallationSettings(db: DbOrTx) {
  const row = await db.installation.findUnique({ where: { id: 1 }, select: { allowMetadataProbeTargets: true, monthlyReportEnabled: true } });
  return { allowMetadataProbeTargets: row?.allowMetadataProbeTargets ?? false, monthlyReportEnabled: row?.monthlyReportEnabled ?? true };
}

/** An uploaded asset by the hash prefix its URL carries, or null. */
export async function findAssetByHashPrefix(db: DbOrTx, prefix: string) {
  const rows = await db.pageAsset.findMany({
    where: { sha256: { startsWith: prefix } },
    select: { sha256: true, contentType: true, bytes: true },
    take: 1,
  });
  return rows[0] ?? null;
}
