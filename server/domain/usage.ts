// Usage reports (Stigg's backend `reportUsage`): DELTA adds, SET replaces, both within the
// usage period in force, so a report after a reset starts from 0.
import { periodContaining } from '../../core/periods';
import { apiError } from '../errors';
import { usageKey, type Store } from '../state';
import { customerGrants, findCustomer, periodRule } from './entitlements';
import type { Lookup } from './lookup';

export interface ReportUsageInput {
  customerId: string;
  featureId: string;
  value: number;
  resourceId?: string | null;
  updateBehavior?: 'DELTA' | 'SET' | null;
}

export interface UsageMeasurement {
  id: string;
  customerId: string;
  featureId: string;
  resourceId: string | null;
  currentUsage: number;
  usagePeriodStart: number | null;
  usagePeriodEnd: number | null;
  timestamp: number;
}

export function reportUsage(lookup: Lookup, store: Store, input: ReportUsageInput): UsageMeasurement {
  const feature = lookup.feature(input.featureId);
  if (feature.featureType !== 'NUMBER' || feature.meterType === 'None') {
    throw apiError('InvalidArgument', `Feature ${feature.id} is not metered; usage cannot be reported for it`);
  }
  if (!Number.isFinite(input.value)) throw apiError('InvalidArgument', 'Usage value must be a finite number');
  const now = store.now();
  const resourceId = input.resourceId ?? null;
  return store.update((d) => {
    const customer = findCustomer(d, input.customerId);
    const grant = customerGrants(lookup, d, customer, resourceId, now).get(feature.id);
    const rule = grant && feature.meterType === 'Incremental' ? periodRule(grant) : null;
    const period = rule ? periodContaining(rule, now) : null;
    const key = usageKey(customer.id, feature.id, resourceId);
    const prev = d.usage[key];
    const base = prev && (period === null || prev.periodStart === period.start) ? prev.value : 0;
    const value = input.updateBehavior === 'SET' ? input.value : base + input.value;
    d.usage[key] = { value, periodStart: period?.start ?? null, updatedAt: now };
    return {
      id: `usage-${key}-${now}`,
      customerId: customer.id,
      featureId: feature.id,
      resourceId,
      currentUsage: value,
      usagePeriodStart: period?.start ?? null,
      usagePeriodEnd: period?.end ?? null,
      timestamp: now,
    };
  });
}
