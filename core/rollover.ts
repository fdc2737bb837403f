// Usage-period rollover: once a metered entitlement's period has ended, its usage
// counts from zero in the period that contains `now`. In memory only, like the
// official SDK; the server's next answer brings the authoritative figures.
import { isMeteredFeature } from './decide';
import type { CachedEntitlement } from './model';
import { periodContaining } from './periods';

export function rolledOver(entitlement: CachedEntitlement, now: number): CachedEntitlement {
  const end = entitlement.usagePeriodEnd;
  if (end === undefined || now < end || !isMeteredFeature(entitlement.feature)) return entitlement;
  const { usagePeriodStart: _start, usagePeriodEnd: _end, ...rest } = entitlement;
  const rolled: CachedEntitlement = { ...rest, currentUsage: 0 };
  if (entitlement.usagePeriodAnchor !== undefined && entitlement.resetPeriod) {
    const period = periodContaining(
      {
        resetPeriod: entitlement.resetPeriod,
        configuration: entitlement.resetPeriodConfiguration ?? null,
        anchor: entitlement.usagePeriodAnchor,
      },
      now,
    );
    rolled.usagePeriodStart = period.start;
    rolled.usagePeriodEnd = period.end;
  }
  return rolled;
}
