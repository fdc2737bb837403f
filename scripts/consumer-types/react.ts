// An app moving from @stigg/react-sdk to gatehouse/react: the same hook calls type-check,
// and each hook has the official hook's parameters and result (an import change suffices).
import type * as Official from '@stigg/react-sdk';
import { createElement } from 'react';
import {
  StiggProvider,
  useBooleanEntitlement,
  useEntitlementProvenance,
  useMeteredEntitlement,
  useNumericEntitlement,
  useStiggContext,
  useSyncStatus,
  type Bootstrap,
  type StiggContextValue,
} from 'gatehouse/react';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const sameBooleanParams: Same<Parameters<typeof useBooleanEntitlement>[0]['options'], Parameters<typeof Official.useBooleanEntitlement>[0]['options']> = true;
export const sameMeteredParams: Same<Parameters<typeof useMeteredEntitlement>[0]['options'], Parameters<typeof Official.useMeteredEntitlement>[0]['options']> = true;
export const sameNumericResult: Same<keyof ReturnType<typeof useNumericEntitlement>, keyof ReturnType<typeof Official.useNumericEntitlement>> = true;
export const sameMeteredResult: Same<keyof ReturnType<typeof useMeteredEntitlement>, keyof ReturnType<typeof Official.useMeteredEntitlement>> = true;
export const sameContextKeys: Same<Exclude<keyof Official.StiggContextValue, 'updatedAt' | 'customerPortalUpdatedAt' | 'theme'>, keyof StiggContextValue> = true;

export function Gate() {
  const { stigg, isInitialized } = useStiggContext();
  const seats = useMeteredEntitlement({ featureId: 'feature-seats', options: { requestedUsage: 1, fallback: { hasAccess: true } } });
  const { source } = useEntitlementProvenance({ featureId: 'feature-seats' });
  const status = useSyncStatus();
  const bootstrapped: boolean = source === 'bootstrap';
  return `${isInitialized} ${seats.hasAccess} ${bootstrapped} ${status?.state} ${stigg.isCustomerLoaded}`;
}

const bootstrap: Bootstrap = { customerId: 'customer-1', entitlements: { data: { entitlements: [] } }, fetchedAt: Date.now() };
export const app = createElement(StiggProvider, { apiKey: 'client-key', customerId: 'customer-1', bootstrap }, useBooleanEntitlement({ featureId: 'x' }).hasAccess);
