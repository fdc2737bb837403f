// What one feature card shows, computed from the SDK's answers. Pure, so it is unit-tested.
import type { BooleanEntitlement, FeatureProvenance, MeteredEntitlement, NumericEntitlement } from 'gatehouse';
import type { AppFeature } from './features';
import { deniedText, formatDate, sourceBadge, usageFraction, usageText, type Badge } from './format';

export interface CardView {
  featureId: string;
  kind: AppFeature['kind'];
  displayName: string;
  hasAccess: boolean;
  accessText: string;
  /** Boolean: included or not; numeric: the value; metered: the limit. */
  valueText: string;
  usage?: { text: string; fraction: number; full: boolean; resetText?: string };
  badge: Badge;
  isFallback: boolean;
  /** Shown with the upsell: the feature is out of reach on the current plan. */
  upsell?: string;
}

export type AnyEntitlement = BooleanEntitlement | NumericEntitlement | MeteredEntitlement;

function unitsOf(result: AnyEntitlement, amount: number): string {
  const units = amount === 1 ? result.feature?.units : (result.feature?.unitsPlural ?? result.feature?.units);
  return units ? ` ${units}` : '';
}

/**
 * @param result for metered features, the answer to "may I use one more?" (requestedUsage 1)
 */
export function cardView(
  feature: AppFeature,
  result: AnyEntitlement,
  provenance: FeatureProvenance,
  options: { connected?: boolean; locale?: string } = {},
): CardView {
  const { connected = true, locale } = options;
  const displayName = result.feature?.displayName || feature.name;
  const badge = sourceBadge(provenance, result.isFallback, connected);
  const view: CardView = {
    featureId: feature.id,
    kind: feature.kind,
    displayName,
    hasAccess: result.hasAccess,
    accessText: result.hasAccess ? 'Access' : deniedText(result.accessDeniedReason),
    valueText: '',
    badge,
    isFallback: result.isFallback,
  };
  if (feature.kind === 'boolean') {
    view.valueText = result.hasAccess ? 'Included in your plan' : 'Not included';
  } else if (feature.kind === 'numeric') {
    const numeric = result as NumericEntitlement;
    view.valueText = numeric.isUnlimited
      ? 'Unlimited'
      : numeric.value !== undefined
        ? `${numeric.value}${unitsOf(result, numeric.value)}`
        : result.hasAccess
          ? 'Included'
          : 'None';
  } else {
    const metered = result as MeteredEntitlement;
    const limit = metered.usageLimit;
    view.valueText = metered.isUnlimited
      ? 'Unlimited'
      : limit !== undefined
        ? `Limit ${limit}${unitsOf(result, limit)}`
        : result.hasAccess
          ? 'No limit set'
          : 'Not included';
    if (result.hasAccess || metered.accessDeniedReason === 'RequestedUsageExceedingLimit') {
      const units = { units: metered.feature?.units, unitsPlural: metered.feature?.unitsPlural };
      const fraction = usageFraction(metered.currentUsage, limit, metered.isUnlimited);
      view.usage = {
        text: usageText(metered.currentUsage, limit, metered.isUnlimited, units),
        fraction,
        full: !metered.isUnlimited && limit !== undefined && metered.currentUsage >= limit,
        resetText: metered.usagePeriodEnd ? `Resets ${formatDate(metered.usagePeriodEnd, locale)}` : undefined,
      };
    }
  }
  if (!result.hasAccess && !result.isFallback) {
    view.upsell =
      result.accessDeniedReason === 'RequestedUsageExceedingLimit'
        ? `You have used all of ${displayName} for this period.`
        : `${displayName} is not part of your plan.`;
  }
  return view;
}
