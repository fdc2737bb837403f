// The features this app gates, as a real app knows them: each with the getter it uses,
// plus the fallbacks it configures for when no real data can be had.
import type { EntitlementsFallback } from 'gatehouse';

export type FeatureKind = 'boolean' | 'numeric' | 'metered';

export interface AppFeature {
  id: string;
  kind: FeatureKind;
  /** Shown until the API has told us the feature's display name. */
  name: string;
}

export const APP_FEATURES: readonly AppFeature[] = [
  { id: 'feature-demo-01', kind: 'numeric', name: 'Feature #1' },
  { id: 'feature-demo-02', kind: 'boolean', name: 'Feature #2' },
  { id: 'feature-demo-03', kind: 'metered', name: 'Feature #3' },
  { id: 'feature-demo-04', kind: 'metered', name: 'Seats' },
  { id: 'feature-demo-05', kind: 'numeric', name: 'Extra storage' },
];

/** With no data at all (a first visit offline, an unknown customer) these answer, marked as fallbacks. */
export const ENTITLEMENTS_FALLBACK: EntitlementsFallback = {
  'feature-demo-01': { hasAccess: true, value: 10 },
  'feature-demo-02': { hasAccess: true },
};
