// Client configuration: the official SDK's fields and defaults, plus Gatehouse's own.
// Ill-typed fields are errors; unknown fields are warnings (a typo must not pass silently).
import type { EntitlementsFallback } from '../core/model';
import type { Bootstrap } from '../core/bootstrap';
import type { Logger, LogLevel } from './logger';
import { withinBounds } from './config-bounds';

export interface LogConfiguration {
  logger?: Logger;
  logLevel?: LogLevel;
}

export interface ClientConfiguration {
  apiKey: string;
  baseUri?: string;
  baseEdgeUri?: string;
  customerId?: string | null;
  resourceId?: string | null;
  customerToken?: string | null;
  cacheTtlMs?: number;
  /** @deprecated alias of cacheTtlMs, as in the official SDK. */
  entitlementPollingInterval?: number;
  /** @deprecated accepted and ignored, as in the official SDK. */
  useEntitlementPolling?: boolean;
  logConfiguration?: LogConfiguration;
  lazyLoad?: boolean;
  enableEdge?: boolean;
  entitlementsFallback?: EntitlementsFallback;
  clientName?: string;
  clientVersion?: string;
  offline?: boolean;
  // Gatehouse only:
  /** Cached data older than this is not served as real data. Default 7 days. */
  cacheMaxAgeMs?: number;
  /** waitForInitialization rejects when no real data can be had within this bound. Default 10 s. */
  initTimeoutMs?: number;
  /** Where the engine runs: a service worker, this page, or the best available. Default 'auto'. */
  host?: 'auto' | 'service-worker' | 'page';
  /** URL of the service worker script that installs Gatehouse. Default '/sw.js'. */
  serviceWorkerUrl?: string;
  /** Evaluate metering in a web worker (default) or on the main thread. */
  useWorker?: boolean;
  /** Entitlements the app's server fetched from the edge endpoint, served from the first render (README, "Server rendering"). */
  bootstrap?: Bootstrap | null;
}

export interface ResolvedConfiguration {
  apiKey: string;
  baseUri: string;
  baseEdgeUri: string;
  customerId: string | null;
  resourceId: string | null;
  customerToken: string | null;
  cacheTtlMs: number;
  logConfiguration: LogConfiguration;
  lazyLoad: boolean;
  enableEdge: boolean;
  entitlementsFallback: EntitlementsFallback;
  clientName: string | undefined;
  clientVersion: string | undefined;
  offline: boolean;
  cacheMaxAgeMs: number;
  initTimeoutMs: number;
  host: 'auto' | 'service-worker' | 'page';
  serviceWorkerUrl: string;
  useWorker: boolean;
  bootstrap: unknown;
}

const DEFAULT_BASE_URI = 'https://api.stigg.io';
const DEFAULT_CACHE_TTL_MS = 30_000;
const DEFAULT_CACHE_MAX_AGE_MS = 7 * 24 * 3_600_000;
const DEFAULT_INIT_TIMEOUT_MS = 10_000;

type FieldType = 'string' | 'number' | 'boolean' | 'object' | 'host';
const FIELDS: Record<keyof ClientConfiguration, FieldType> = {
  apiKey: 'string',
  baseUri: 'string',
  baseEdgeUri: 'string',
  customerId: 'string',
  resourceId: 'string',
  customerToken: 'string',
  cacheTtlMs: 'number',
  entitlementPollingInterval: 'number',
  useEntitlementPolling: 'boolean',
  logConfiguration: 'object',
  lazyLoad: 'boolean',
  enableEdge: 'boolean',
  entitlementsFallback: 'object',
  clientName: 'string',
  clientVersion: 'string',
  offline: 'boolean',
  cacheMaxAgeMs: 'number',
  initTimeoutMs: 'number',
  host: 'host',
  serviceWorkerUrl: 'string',
  useWorker: 'boolean',
  bootstrap: 'object',
};

function fits(type: FieldType, value: unknown): boolean {
  switch (type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && value >= 0;
    case 'object':
      return typeof value === 'object' && !Array.isArray(value);
    case 'host':
      return value === 'auto' || value === 'service-worker' || value === 'page';
    default:
      return typeof value === type;
  }
}

const LOCAL_HOSTS = ['localhost', '127.0.0.1', '[::1]', '::1'];

/** The official rule: `edge.` before the host, or port 3060 on a local host. */
function edgeUriFor(baseUri: string): string {
  const url = new URL(baseUri);
  if (LOCAL_HOSTS.includes(url.hostname)) url.port = '3060';
  else url.hostname = `edge.${url.hostname}`;
  return url.toString().replace(/\/$/, '');
}

/**
 * Checks and completes a configuration. Throws on a missing API key or a field of the
 * wrong type; returns warnings for unknown fields.
 */
export function resolveConfiguration(input: unknown): { config: ResolvedConfiguration; warnings: string[] } {
  if (typeof input !== 'object' || input === null) {
    throw new TypeError('Stigg.initialize needs a configuration object, e.g. { apiKey: "..." }');
  }
  const raw = input as Record<string, unknown>;
  const warnings: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const type = FIELDS[key as keyof ClientConfiguration];
    if (!type) {
      warnings.push(`Unknown configuration field "${key}" is ignored`);
    } else if (value !== undefined && value !== null && !fits(type, value)) {
      throw new TypeError(`Configuration field "${key}" must be ${type === 'host' ? "'auto', 'service-worker' or 'page'" : `a ${type === 'number' ? 'non-negative number' : type}`}`);
    }
  }
  const given = raw as unknown as ClientConfiguration;
  if (!given.offline && (typeof given.apiKey !== 'string' || given.apiKey.trim() === '')) {
    throw new Error('You must configure the client with an SDK key');
  }
  const baseUri = (given.baseUri ?? DEFAULT_BASE_URI).replace(/\/$/, '');
  let baseEdgeUri: string;
  try {
    baseEdgeUri = given.baseEdgeUri ? given.baseEdgeUri.replace(/\/$/, '') : edgeUriFor(baseUri);
  } catch {
    throw new TypeError(`Configuration field "baseUri" is not a valid URL: ${baseUri}`);
  }
  return {
    warnings,
    config: {
      apiKey: given.apiKey ?? '',
      baseUri,
      baseEdgeUri,
      customerId: given.customerId || null,
      resourceId: given.resourceId || null,
      customerToken: given.customerToken || null,
      cacheTtlMs: withinBounds('cacheTtlMs', given.cacheTtlMs || given.entitlementPollingInterval || DEFAULT_CACHE_TTL_MS, warnings),
      logConfiguration: given.logConfiguration ?? {},
      lazyLoad: given.lazyLoad ?? false,
      enableEdge: given.enableEdge ?? true,
      entitlementsFallback: given.entitlementsFallback ?? {},
      clientName: given.clientName,
      clientVersion: given.clientVersion,
      offline: given.offline ?? false,
      cacheMaxAgeMs: withinBounds('cacheMaxAgeMs', given.cacheMaxAgeMs ?? DEFAULT_CACHE_MAX_AGE_MS, warnings),
      initTimeoutMs: withinBounds('initTimeoutMs', given.initTimeoutMs ?? DEFAULT_INIT_TIMEOUT_MS, warnings),
      host: given.host ?? 'auto',
      serviceWorkerUrl: given.serviceWorkerUrl ?? '/sw.js',
      useWorker: given.useWorker ?? true,
      bootstrap: given.bootstrap ?? null,
    },
  };
}
