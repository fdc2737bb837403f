// What the dashboard reads from its URL: the customer, the resource, the polling
// interval and where the emulator is. Everything has a default, so `/` alone works.

export interface DemoConfig {
  customerId: string;
  resourceId: string | undefined;
  cacheTtlMs: number | undefined;
  /** The Stigg-compatible API the client talks to: the local emulator. */
  emulatorUrl: string;
}

export const DEMO_CUSTOMER_ID = 'customer-demo-01';
export const DEFAULT_EMULATOR_PORT = 3060;
export const CLIENT_KEY = 'client-demo-key';
/** The emulator's server key. A real app keeps it on its backend; the demo plays the backend. */
export const SERVER_KEY = 'server-demo-key';

/** Query parameters the checkout redirect adds, which the dashboard removes once handled. */
export const CHECKOUT_PARAMS = ['checkoutCompleted', 'subscriptionId'] as const;

/** Where `npm start` says its emulator is (it serves this next to the dashboard). */
export const DEMO_EMULATOR_PATH = '/demo-emulator.json';

/**
 * Reads `?customerId=&resourceId=&cacheTtlMs=&emulator=`. Invalid values fall back to the
 * defaults: the emulator `npm start` started (`served`, from DEMO_EMULATOR_PATH), else
 * the emulator on port 3060 of the page's own host name.
 */
export function readDemoConfig(search: string, page: { protocol: string; hostname: string }, served?: string | null): DemoConfig {
  const params = new URLSearchParams(search);
  const ttl = Number(params.get('cacheTtlMs'));
  return {
    customerId: params.get('customerId')?.trim() || DEMO_CUSTOMER_ID,
    resourceId: params.get('resourceId')?.trim() || undefined,
    cacheTtlMs: params.has('cacheTtlMs') && Number.isInteger(ttl) && ttl > 0 ? ttl : undefined,
    emulatorUrl: emulatorUrlFrom(params.get('emulator') || served || null, page),
  };
}

function emulatorUrlFrom(given: string | null, page: { protocol: string; hostname: string }): string {
  if (given) {
    try {
      const url = new URL(given);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin;
    } catch {
      // fall through to the default
    }
  }
  const protocol = page.protocol === 'https:' ? 'https:' : 'http:';
  const host = page.hostname.includes(':') ? `[${page.hostname}]` : page.hostname || 'localhost';
  return `${protocol}//${host}:${DEFAULT_EMULATOR_PORT}`;
}

/** The emulator URL in the body of DEMO_EMULATOR_PATH (`{ "url": "http://…" }`), or null. */
export function servedEmulatorUrl(body: unknown): string | null {
  const url = typeof body === 'object' && body !== null ? (body as { url?: unknown }).url : undefined;
  return typeof url === 'string' && /^https?:\/\//.test(url) ? url : null;
}

/** The page URL for another customer or resource, keeping the other parameters. */
export function urlForContext(href: string, customerId: string, resourceId: string | undefined): string {
  const url = new URL(href);
  url.searchParams.set('customerId', customerId);
  if (resourceId) url.searchParams.set('resourceId', resourceId);
  else url.searchParams.delete('resourceId');
  for (const name of CHECKOUT_PARAMS) url.searchParams.delete(name);
  return url.toString();
}

/** The page URL with a checkout redirect's query (`?checkoutCompleted=true&subscriptionId=…`) merged in. */
export function urlWithCheckoutResult(href: string, successUrlQuery: string): string {
  const url = new URL(href);
  for (const [name, value] of new URLSearchParams(successUrlQuery)) url.searchParams.set(name, value);
  return url.toString();
}

/** The page URL without the checkout redirect's parameters. */
export function urlWithoutCheckoutResult(href: string): string {
  const url = new URL(href);
  for (const name of CHECKOUT_PARAMS) url.searchParams.delete(name);
  return url.toString();
}
