// Usage periods, in UTC. A period is the half-open interval [start, end) in epoch ms.
// Month and year periods count whole months from their anchor and clamp to the end of
// shorter months each time (never cumulatively): an anchor on Jan 31 gives Feb 28/29,
// Mar 31, Apr 30, May 31.
import type { EntitlementResetPeriod, ResetPeriodConfiguration } from './model';

export interface UsagePeriod {
  start: number;
  end: number;
}

export interface PeriodRule {
  resetPeriod: EntitlementResetPeriod;
  configuration?: ResetPeriodConfiguration | null;
  /** Epoch ms: the subscription start, or whatever the server gives as usagePeriodAnchor. */
  anchor: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;
/** 1970-01-05T00:00Z was a Monday; weekday-based weeks count from it. */
const FIRST_MONDAY_MS = 4 * DAY_MS;
const WEEKDAY_OFFSET: Record<string, number> = {
  EveryMonday: 0,
  EveryTuesday: 1,
  EveryWednesday: 2,
  EveryThursday: 3,
  EveryFriday: 4,
  EverySaturday: 5,
  EverySunday: 6,
};

type Step = { kind: 'fixed'; ms: number } | { kind: 'months'; months: number };

function daysInMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/** The anchor advanced by `count` whole months, the day clamped to the target month's length. */
export function addMonthsClamped(anchor: number, count: number): number {
  const a = new Date(anchor);
  const totalMonths = a.getUTCFullYear() * 12 + a.getUTCMonth() + count;
  const year = Math.floor(totalMonths / 12);
  const month = totalMonths - year * 12;
  const day = Math.min(a.getUTCDate(), daysInMonth(year, month));
  const timeOfDay = anchor - Date.UTC(a.getUTCFullYear(), a.getUTCMonth(), a.getUTCDate());
  return Date.UTC(year, month, day) + timeOfDay;
}

/** Normalises a rule to a base instant and a step, applying the period configuration. */
function baseAndStep(rule: PeriodRule): { base: number; step: Step } {
  const config = rule.configuration ?? {};
  switch (rule.resetPeriod) {
    case 'HOUR':
      return { base: rule.anchor, step: { kind: 'fixed', ms: HOUR_MS } };
    case 'DAY':
      return { base: rule.anchor, step: { kind: 'fixed', ms: DAY_MS } };
    case 'WEEK': {
      const weekday = config.weeklyAccordingTo ? WEEKDAY_OFFSET[config.weeklyAccordingTo] : undefined;
      const base = weekday === undefined ? rule.anchor : FIRST_MONDAY_MS + weekday * DAY_MS;
      return { base, step: { kind: 'fixed', ms: WEEK_MS } };
    }
    case 'MONTH': {
      if (config.monthlyAccordingTo === 'StartOfTheMonth') {
        const a = new Date(rule.anchor);
        return { base: Date.UTC(a.getUTCFullYear(), a.getUTCMonth(), 1), step: { kind: 'months', months: 1 } };
      }
      return { base: rule.anchor, step: { kind: 'months', months: 1 } };
    }
    case 'YEAR':
      return { base: rule.anchor, step: { kind: 'months', months: 12 } };
    default:
      throw new RangeError(`Unsupported reset period: ${String(rule.resetPeriod)}`);
  }
}

function boundary(base: number, step: Step, index: number): number {
  return step.kind === 'fixed' ? base + index * step.ms : addMonthsClamped(base, index * step.months);
}

function estimateIndex(base: number, step: Step, at: number): number {
  if (step.kind === 'fixed') return Math.floor((at - base) / step.ms);
  const from = new Date(base);
  const to = new Date(at);
  const months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
  return Math.floor(months / step.months);
}

/** The period of `rule` that contains `at`. Throws RangeError on a non-finite input. */
export function periodContaining(rule: PeriodRule, at: number): UsagePeriod {
  if (!Number.isFinite(rule.anchor) || !Number.isFinite(at)) {
    throw new RangeError('periodContaining needs a finite anchor and time');
  }
  const { base, step } = baseAndStep(rule);
  let index = estimateIndex(base, step, at);
  // The estimate is off by at most one either way (clamped month ends, time of day).
  while (boundary(base, step, index) > at) index -= 1;
  while (boundary(base, step, index + 1) <= at) index += 1;
  return { start: boundary(base, step, index), end: boundary(base, step, index + 1) };
}

/**
 * The period in force at `now`, starting from a known period: the same period while it
 * lasts, else the one that contains `now`. Rolling twice equals rolling once to the later time.
 */
export function rollForward(rule: PeriodRule, current: UsagePeriod, now: number): UsagePeriod {
  return now < current.end ? current : periodContaining(rule, now);
}
