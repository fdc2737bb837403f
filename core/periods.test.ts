import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EntitlementResetPeriod, ResetPeriodConfiguration } from './model';
import { addMonthsClamped, periodContaining, rollForward, type PeriodRule } from './periods';

const iso = (ms: number) => new Date(ms).toISOString();
const at = (text: string) => Date.parse(text);

// 1990..2100, so month arithmetic meets leap years and every month length.
const instant = fc.integer({ min: at('1990-01-01T00:00:00Z'), max: at('2100-01-01T00:00:00Z') });
const configurations: Record<EntitlementResetPeriod, (ResetPeriodConfiguration | null)[]> = {
  HOUR: [null],
  DAY: [null],
  WEEK: [null, { weeklyAccordingTo: 'SubscriptionStart' }, { weeklyAccordingTo: 'EveryMonday' }, { weeklyAccordingTo: 'EverySunday' }],
  MONTH: [null, { monthlyAccordingTo: 'SubscriptionStart' }, { monthlyAccordingTo: 'StartOfTheMonth' }],
  YEAR: [null, { yearlyAccordingTo: 'SubscriptionStart' }],
};
const rule: fc.Arbitrary<PeriodRule> = fc
  .constantFrom<EntitlementResetPeriod>('HOUR', 'DAY', 'WEEK', 'MONTH', 'YEAR')
  .chain((resetPeriod) =>
    fc.record({
      resetPeriod: fc.constant(resetPeriod),
      configuration: fc.constantFrom(...configurations[resetPeriod]),
      anchor: instant,
    }),
  );

describe('periodContaining', () => {
  it('returns a period that contains the time, with start before end', () => {
    fc.assert(
      fc.property(rule, instant, (r, t) => {
        const { start, end } = periodContaining(r, t);
        expect(start).toBeLessThanOrEqual(t);
        expect(t).toBeLessThan(end);
      }),
      { numRuns: 2000 },
    );
  });

  it('tiles time without gaps or overlaps', () => {
    fc.assert(
      fc.property(rule, instant, (r, t) => {
        const period = periodContaining(r, t);
        expect(periodContaining(r, period.end).start).toBe(period.end);
        expect(periodContaining(r, period.start - 1).end).toBe(period.start);
      }),
      { numRuns: 2000 },
    );
  });

  it('rolling forward twice equals rolling once to the later time', () => {
    fc.assert(
      fc.property(rule, instant, fc.nat(5 * 365 * 86_400_000), fc.nat(5 * 365 * 86_400_000), (r, t0, d1, d2) => {
        const first = periodContaining(r, t0);
        const t1 = t0 + d1;
        const t2 = t1 + d2;
        expect(rollForward(r, rollForward(r, first, t1), t2)).toEqual(rollForward(r, first, t2));
      }),
      { numRuns: 1000 },
    );
  });

  it('clamps month ends relative to the anchor, not cumulatively', () => {
    const anchor = at('2024-01-31T10:00:00Z');
    const months = [1, 2, 3, 4].map((n) => iso(addMonthsClamped(anchor, n)));
    expect(months).toEqual([
      '2024-02-29T10:00:00.000Z',
      '2024-03-31T10:00:00.000Z',
      '2024-04-30T10:00:00.000Z',
      '2024-05-31T10:00:00.000Z',
    ]);
    expect(iso(addMonthsClamped(at('2023-01-31T00:00:00Z'), 1))).toBe('2023-02-28T00:00:00.000Z');
    const monthly = { resetPeriod: 'MONTH' as const, anchor };
    expect(periodContaining(monthly, at('2024-03-05T00:00:00Z'))).toEqual({
      start: at('2024-02-29T10:00:00Z'),
      end: at('2024-03-31T10:00:00Z'),
    });
  });

  it('gives the usage guide period for a monthly reset anchored on April 1', () => {
    const period = periodContaining({ resetPeriod: 'MONTH', anchor: at('2022-04-01T00:00:00Z') }, at('2022-09-15T00:00:00Z'));
    expect([iso(period.start), iso(period.end)]).toEqual(['2022-09-01T00:00:00.000Z', '2022-10-01T00:00:00.000Z']);
  });

  it('starts monthly periods on the 1st with StartOfTheMonth', () => {
    const period = periodContaining(
      { resetPeriod: 'MONTH', configuration: { monthlyAccordingTo: 'StartOfTheMonth' }, anchor: at('2024-01-17T09:30:00Z') },
      at('2024-06-20T00:00:00Z'),
    );
    expect([iso(period.start), iso(period.end)]).toEqual(['2024-06-01T00:00:00.000Z', '2024-07-01T00:00:00.000Z']);
  });

  it('starts weekly periods on the configured weekday at midnight UTC', () => {
    // 2024-06-20 is a Thursday.
    const monday = periodContaining(
      { resetPeriod: 'WEEK', configuration: { weeklyAccordingTo: 'EveryMonday' }, anchor: at('2024-01-03T00:00:00Z') },
      at('2024-06-20T15:00:00Z'),
    );
    expect([iso(monday.start), iso(monday.end)]).toEqual(['2024-06-17T00:00:00.000Z', '2024-06-24T00:00:00.000Z']);
    const sunday = periodContaining(
      { resetPeriod: 'WEEK', configuration: { weeklyAccordingTo: 'EverySunday' }, anchor: 0 },
      at('2024-06-20T15:00:00Z'),
    );
    expect(iso(sunday.start)).toBe('2024-06-16T00:00:00.000Z');
  });

  it('keeps a Feb 29 yearly anchor on Feb 28 in common years and Feb 29 in leap years', () => {
    const yearly = { resetPeriod: 'YEAR' as const, anchor: at('2024-02-29T00:00:00Z') };
    expect(iso(periodContaining(yearly, at('2025-06-01T00:00:00Z')).start)).toBe('2025-02-28T00:00:00.000Z');
    expect(iso(periodContaining(yearly, at('2028-06-01T00:00:00Z')).start)).toBe('2028-02-29T00:00:00.000Z');
  });

  it('handles times before the anchor', () => {
    const period = periodContaining({ resetPeriod: 'DAY', anchor: at('2024-01-10T06:00:00Z') }, at('2024-01-08T01:00:00Z'));
    expect([iso(period.start), iso(period.end)]).toEqual(['2024-01-07T06:00:00.000Z', '2024-01-08T06:00:00.000Z']);
  });

  it('refuses non-finite input with a RangeError', () => {
    expect(() => periodContaining({ resetPeriod: 'DAY', anchor: Number.NaN }, 0)).toThrow(RangeError);
    expect(() => periodContaining({ resetPeriod: 'BOGUS' as EntitlementResetPeriod, anchor: 0 }, 0)).toThrow(RangeError);
  });
});
