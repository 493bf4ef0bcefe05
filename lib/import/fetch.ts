import { Agent, request } from "undici";
import { checkWebhookUrl, guardedLookup } from "../net/ssrf";
import { ImportSourceError } from "./errors";

// Reading a Statuspage-compatible source over HTTP: every request has a deadline and a
// size cap (a page's full history fits well under it), redirects are not followed, and
// the v1 Manage API is read page by page.

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
/** Statuspage's largest page size for v1 lists. */
export const V1_PER_PAGE = 100;
const MAX_V1_PAGES = 1000;
export const STATUSPAGE_API_URL = "https://api.statuspage.io";

export interface SourceLocation {
  /** The public page, e.g. https://www.githubstatus.com (a /api/v2/… suffix is dropped). */
  pageUrl: string;
  /** With pageId: read the v1 Manage API for the full history and the subscribers. */
  apiKey?: string;
  pageId?: string;
  /** The v1 API's base URL (tests point it at a local server). */
  apiUrl?: string;
}

export interface HttpOptions {
  timeoutMs?: number;
  maxBytes?: number;
  /** Private and loopback addresses may be read (the CLI; the console follows WEBHOOK_ALLOW_PRIVATE). */
  allowPrivate: boolean;
}

/** What the source's documents hold, unparsed: map.ts parses each record on its own. */
export interface RawSource {
  page: unknown;
  components: unknown[];
  incidents: unknown[];
  maintenances: unknown[];
  /** From the v1 Manage API only: its incidents list holds both kinds. */
  v1Incidents: unknown[] | null;
  confirmedSubscribers: unknown[];
  unconfirmedSubscribers: unknown[];
}

export function v2Base(pageUrl: string): string {
  return pageUrl.replace(/\/+$/, "").replace(/\/api\/v2(\/[^/]*)?$/, "");
}

const agents = new Map<boolean, Agent>();
function guardedAgent(allowPrivate: boolean): Agent {
  let agent = agents.get(allowPrivate);
  if (!agent) {
    agent = new Agent({ connect: { lookup: guardedLookup(allowPrivate) } });
    agents.set(allowPrivate, agent);
  }
  return agent;
}

async function getJson(url: string, options: HttpOptions, headers: Record<string, string> = {}): Promise<unknown> {
  const check = await checkWebhookUrl(url, { allowPrivate: options.allowPrivate });
  if (!check.ok) throw new ImportSourceError(`Cannot read ${url}: ${check.reason}`);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let text: string;
  let status: number;
  try {
    const response = await request(url, {
      // Connect-time guard too: a host that resolves differently the second time (DNS rebinding) still cannot reach a private address.
      dispatcher: guardedAgent(options.allowPrivate),
      method: "GET",
      headers: { accept: "application/json", "user-agent": "Vigil importer", ...headers },
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs * 2),
    });
    status = response.statusCode;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) {
        response.body.destroy();
        throw new ImportSourceError(`${url} is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; refusing to read it.`);
      }
      chunks.push(chunk as Buffer);
    }
    text = Buffer.concat(chunks).toString("utf8");
  } catch (error) {
    if (error instanceof ImportSourceError) throw error;
    throw new ImportSourceError(`Cannot read ${url}: ${(error as Error).message}`);
  }
  if (status === 401 || status === 403) throw new ImportSourceError(`${url} refused the API key (HTTP ${status}).`);
  if (status < 200 || status >= 300) throw new ImportSourceError(`${url} answered HTTP ${status}.`);
  try {
    return JSON.parse(text);
  } catch {
    throw new ImportSourceError(`${url} did not answer JSON.`);
  }
}

function listIn(doc: unknown, key: string, url: string): unknown[] {
  const list = (doc as Record<string, unknown> | null)?.[key];
  if (!Array.isArray(list)) throw new ImportSourceError(`${url} has no "${key}" list: is this a Statuspage-compatible page?`);
  return list;
}

/** Every item of a v1 list, following `page` until a short page (Statuspage's pagination). */
async function allPages(url: string, apiKey: string, options: HttpOptions): Promise<unknown[]> {
  const items: unknown[] = [];
  for (let page = 1; page <= MAX_V1_PAGES; page++) {
    const pageUrl = new URL(url);
    pageUrl.searchParams.set("page", String(page));
    pageUrl.searchParams.set("per_page", String(V1_PER_PAGE));
    const doc = await getJson(pageUrl.toString(), options, { authorization: `OAuth ${apiKey}` });
    if (!Array.isArray(doc)) throw new ImportSourceError(`${pageUrl.origin}${pageUrl.pathname} did not answer a list.`);
    items.push(...doc);
    if (doc.length < V1_PER_PAGE) return items;
  }
  throw new ImportSourceError(`${url} has more than ${MAX_V1_PAGES} pages; stopping.`);
}

export async function readStatuspageSource(location: SourceLocation, options: HttpOptions): Promise<RawSource> {
  const base = v2Base(location.pageUrl);
  const summaryUrl = `${base}/api/v2/summary.json`;
  const summary = await getJson(summaryUrl, options);
  const page = (summary as Record<string, unknown> | null)?.page;
  const componentsUrl = `${base}/api/v2/components.json`;
  const components = listIn(await getJson(componentsUrl, options), "components", componentsUrl);

  let v1Incidents: unknown[] | null = null;
  let confirmedSubscribers: unknown[] = [];
  let unconfirmedSubscribers: unknown[] = [];
  if (location.apiKey && location.pageId) {
    const v1 = `${(location.apiUrl ?? STATUSPAGE_API_URL).replace(/\/+$/, "")}/v1/pages/${encodeURIComponent(location.pageId)}`;
    v1Incidents = await allPages(`${v1}/incidents`, location.apiKey, options);
    // Statuspage lists active (confirmed) subscribers unless asked for another state.
    confirmedSubscribers = await allPages(`${v1}/subscribers`, location.apiKey, options);
    unconfirmedSubscribers = await allPages(`${v1}/subscribers?state=unconfirmed`, location.apiKey, options);
    return { page, components, incidents: [], maintenances: [], v1Incidents, confirmedSubscribers, unconfirmedSubscribers };
  }
  const incidentsUrl = `${base}/api/v2/incidents.json`;
  const maintenancesUrl = `${base}/api/v2/scheduled-maintenances.json`;
  const incidents = listIn(await getJson(incidentsUrl, options), "incidents", incidentsUrl);
  const maintenances = listIn(await getJson(maintenancesUrl, options), "scheduled_maintenances", maintenancesUrl);
  // incidents.json holds the most recent ones; the summary adds any older one still open.
  const open = listIn(summary, "incidents", summaryUrl);
  const upcoming = listIn(summary, "scheduled_maintenances", summaryUrl);
  return {
    page,
    components,
    incidents: [...incidents, ...open],
    maintenances: [...maintenances, ...upcoming],
    v1Incidents,
    confirmedSubscribers,
    unconfirmedSubscribers,
  };
}
