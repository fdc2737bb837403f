// Which of the resources a page already loaded its service worker should cache: on a
// first visit the page's scripts and styles arrive before the worker controls it, so the
// worker never saw them. The page's resource timing entries name them; this rule picks
// the same-origin static ones (API calls, navigations and other origins are left out).

export interface LoadedResource {
  name: string;
  initiatorType: string;
}

/** Resource timing initiator types of static assets (scripts, styles, images, fonts, workers). */
const STATIC_INITIATORS: ReadonlySet<string> = new Set(['script', 'link', 'css', 'img', 'image', 'other']);

/** At most this many URLs are sent (and accepted by the worker) per page load. */
export const MAX_LOADED_ASSETS = 500;

/** The same-origin static assets among `resources`, without fragments, deduplicated, `exclude` left out. */
export function assetsToCache(resources: readonly LoadedResource[], origin: string, exclude: readonly string[] = []): string[] {
  const excluded = new Set(exclude.map((url) => withoutFragment(url)));
  const urls = new Set<string>();
  for (const resource of resources) {
    if (!STATIC_INITIATORS.has(resource.initiatorType)) continue;
    const url = sameOriginUrl(resource.name, origin);
    if (url === null || excluded.has(url)) continue;
    urls.add(url);
    if (urls.size >= MAX_LOADED_ASSETS) break;
  }
  return [...urls];
}

/**
 * `value` without its fragment if it is an absolute URL of `origin` (as resource timing
 * names are, and as the page sends them), else null. Plain string rules: the core has no URL parser.
 */
export function sameOriginUrl(value: unknown, origin: string): string | null {
  if (typeof value !== 'string') return null;
  const url = withoutFragment(value);
  return url.startsWith(`${origin}/`) ? url : null;
}

function withoutFragment(url: string): string {
  const index = url.indexOf('#');
  return index === -1 ? url : url.slice(0, index);
}
