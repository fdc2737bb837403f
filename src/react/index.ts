// `gatehouse/react`: Stigg's React SDK entitlement hooks on Gatehouse's synchronous
// getters, through useSyncExternalStore: no tearing, one stable result object per answer
// (a component re-renders only when its own answer changed), and real values from the
// first render with a server bootstrap or stored data. It only adapts the client.
import {
  createContext,
  createElement,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type FunctionComponent,
  type PropsWithChildren,
} from 'react';
import { fallbackResult } from '../../core/fallback';
import { seedViews } from '../bootstrap-seed';
import { provideBootstrapSeeder } from '../client';
import type { EntitlementKind } from '../../core/model';
import type { FeatureProvenance } from '../../core/table';
import {
  Stigg,
  type BooleanEntitlement,
  type Bootstrap,
  type ClientConfiguration,
  type GetBooleanEntitlement,
  type GetMeteredEntitlement,
  type GetNumericEntitlement,
  type MeteredEntitlement,
  type NumericEntitlement,
  type StiggClient,
  type SyncStatus,
} from '../index';

export interface StiggContextValue {
  stigg: StiggClient;
  /** True once the client has real data (from the first render with a bootstrap or stored data) or finished initializing. */
  isInitialized: boolean;
  refreshData: () => Promise<void>;
  locale: string;
}

// A bootstrap must be served from the first render, which hydration compares with the server's.
provideBootstrapSeeder(seedViews);

export const StiggContext = createContext<StiggContextValue | null>(null);

export type StiggProviderProps = PropsWithChildren<
  Partial<ClientConfiguration> & {
    /** An existing client, instead of one made from the other props. */
    stiggClient?: StiggClient;
    locale?: string;
    /** Accepted for @stigg/react-sdk compatibility; Gatehouse renders no widgets. */
    theme?: unknown;
  }
>;

const noop = () => undefined;

/** Subscribes to one of the client's events, for useSyncExternalStore. */
const on = (stigg: StiggClient | undefined, event: 'answersChanged' | 'statusChanged') => (listener: () => void) => {
  stigg?.addListener(event, listener);
  return () => stigg?.removeListener(event, listener);
};

export const StiggProvider: FunctionComponent<StiggProviderProps> = ({ children, stiggClient, locale = 'en-US', theme, ...config }) => {
  const [stigg] = useState(() => {
    if (!stiggClient) return Stigg.initialize(config as ClientConfiguration);
    if (config.bootstrap) stiggClient.setBootstrap(config.bootstrap);
    return stiggClient;
  });
  const { customerId, customerToken, resourceId, bootstrap } = config;
  const [ready, setReady] = useState(false);
  const isLoaded = () => stigg.isCustomerLoaded;
  const loaded = useSyncExternalStore(useMemo(() => on(stigg, 'answersChanged'), [stigg]), isLoaded, isLoaded);
  const previousCustomer = useRef(customerId);

  useEffect(() => {
    let current = true;
    stigg.waitForInitialization().then(() => current && setReady(true), noop);
    return () => void (current = false);
  }, [stigg]);

  // Switching customerId switches the client's customer (a bootstrap given with it applies to it).
  useEffect(() => {
    if (bootstrap) stigg.setBootstrap(bootstrap);
    if (customerId) stigg.setCustomerId(customerId, customerToken ?? null, resourceId ?? null).catch(noop);
    else if (previousCustomer.current) stigg.clearCustomer();
    previousCustomer.current = customerId;
  }, [stigg, customerId, customerToken, resourceId, bootstrap]);

  const isInitialized = ready || loaded;
  const value = useRef<StiggContextValue | null>(null);
  if (value.current?.isInitialized !== isInitialized || value.current.stigg !== stigg || value.current.locale !== locale) {
    value.current = { stigg, isInitialized, locale, refreshData: () => stigg.refresh() };
  }
  return createElement(StiggContext.Provider, { value: value.current }, children);
};

export function useStiggContext(options?: { optional?: false }): StiggContextValue;
export function useStiggContext(options: { optional: true }): StiggContextValue | null;
export function useStiggContext(options?: { optional?: boolean }): StiggContextValue | null {
  const context = useContext(StiggContext);
  if (!context && !options?.optional) {
    throw new Error('Could not find Stigg context; You need to wrap your app in an <StiggProvider> component.');
  }
  return context;
}

/**
 * One answer of the client, re-read on every change and kept as the same object while
 * it is equal (compared by `keyOf`), so React renders only what changed and never loops.
 */
function useAnswer<T>(read: (stigg: StiggClient) => T, otherwise: () => T, keyOf: (value: T) => string = JSON.stringify): T {
  const stigg = useContext(StiggContext)?.stigg;
  const cache = useRef<{ key: string; value: T }>();
  const snapshot = () => {
    const value = stigg ? read(stigg) : otherwise();
    const key = keyOf(value);
    if (cache.current?.key !== key) cache.current = { key, value };
    return cache.current.value;
  };
  return useSyncExternalStore(useMemo(() => on(stigg, 'answersChanged'), [stigg]), snapshot, snapshot);
}

const withoutProvider = <K extends EntitlementKind>(kind: K, params: { featureId?: unknown; options?: { fallback?: unknown } }) => () =>
  fallbackResult(kind, params.featureId, params.options?.fallback, undefined);

/**
 * An entitlement hook. Snapshots are read without tracking (React may read them several
 * times per render); with `shouldTrack`, the check is reported once per committed render,
 * as the official hook reports once per render.
 */
const entitlementHook =
  <P extends { featureId: string; options?: { shouldTrack?: boolean; fallback?: unknown } }, R>(
    kind: EntitlementKind,
    get: (stigg: StiggClient, params: P) => R,
  ) =>
  (params: P): R => {
    const stigg = useContext(StiggContext)?.stigg;
    const tracked = params.options?.shouldTrack === true;
    const quiet = tracked ? { ...params, options: { ...params.options, shouldTrack: false } } : params;
    const result = useAnswer((client) => get(client, quiet), withoutProvider(kind, params) as () => R);
    useEffect(() => void (tracked && stigg && get(stigg, params)));
    return result;
  };

export const useBooleanEntitlement: (params: GetBooleanEntitlement) => BooleanEntitlement = entitlementHook('boolean', (stigg, params: GetBooleanEntitlement) =>
  stigg.getBooleanEntitlement(params),
);

export const useNumericEntitlement: (params: GetNumericEntitlement) => NumericEntitlement = entitlementHook('numeric', (stigg, params: GetNumericEntitlement) =>
  stigg.getNumericEntitlement(params),
);

export const useMeteredEntitlement: (params: GetMeteredEntitlement) => MeteredEntitlement = entitlementHook('metered', (stigg, params: GetMeteredEntitlement) =>
  stigg.getMeteredEntitlement(params),
);

/** Where a feature's answer comes from; re-renders when the source or data changes, not as it ages. */
export const useEntitlementProvenance = (params: { featureId: string; resourceId?: string }): FeatureProvenance =>
  useAnswer(
    (stigg) => stigg.getEntitlementProvenance(params),
    (): FeatureProvenance => ({ source: 'fallback' }),
    ({ source, fetchedAt, localUsage }) => `${source} ${fetchedAt} ${localUsage}`,
  );

/** The engine's connectivity and sync state (null before its first report, and on a server). */
export function useSyncStatus(): SyncStatus | null {
  const stigg = useStiggContext({ optional: true })?.stigg;
  const read = () => stigg?.getSyncStatus() ?? null;
  return useSyncExternalStore(useMemo(() => on(stigg, 'statusChanged'), [stigg]), read, read);
}

export type { Bootstrap, FeatureProvenance, SyncStatus };
