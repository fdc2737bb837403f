import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUTURE_STAMP_TOLERANCE_MS, isOutdatedAnswer, MAX_SERVER_OFFSET_MS, serverOffsetOf } from './answer-order';

const T = Date.parse('2026-11-10T12:00:00.000Z');
const HOUR = 3_600_000;

/** The engine's guard over a run of answers: each carries its stamp and the server's Date. */
function storedAfter(answers: readonly { stamp: number; date: number }[]): number {
  let stored: number | undefined;
  for (const answer of answers) {
    if (stored === undefined || !isOutdatedAnswer(stored, answer.stamp, answer.date)) stored = answer.stamp;
  }
  return stored!;
}

describe('the ordering guard on the server clock (property)', () => {
  it('drops an answer older than a stamp the server vouches for', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 * HOUR }), fc.integer({ min: 1, max: 10 * HOUR }), (age, lag) => {
        const stored = T - age;
        expect(isOutdatedAnswer(stored, stored - lag, T)).toBe(true);
        expect(isOutdatedAnswer(stored, stored, T)).toBe(false);
        expect(isOutdatedAnswer(stored, stored + lag, T)).toBe(false);
      }),
    );
  });

  it('a future stamp (a server clock ahead by any amount, then corrected) outranks a real change for no longer than the tolerance', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 80 * 365 * 24 * HOUR }), // how far ahead the wrong clock was
        fc.integer({ min: 1, max: 10 * HOUR }), // when the real change happens after the correction
        (ahead, later) => {
          const wrong = { stamp: T + ahead, date: T + ahead };
          const corrected = { stamp: T + later, date: T + later };
          // The wrong stamp outranks the real change only while it is within the tolerance of the server's now.
          const held = later < ahead && ahead - later <= FUTURE_STAMP_TOLERANCE_MS;
          expect(storedAfter([wrong, corrected])).toBe(held ? wrong.stamp : corrected.stamp);
          // Also when the wrong answer's stamp led its own Date.
          expect(storedAfter([{ stamp: T + ahead, date: T }, corrected])).toBe(held ? wrong.stamp : corrected.stamp);
        },
      ),
    );
  });

  it('the offset is the server clock minus the device clock, and only a plausible one', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_SERVER_OFFSET_MS, max: MAX_SERVER_OFFSET_MS }), (offset) => {
        expect(serverOffsetOf(T + offset, T)).toBe(offset);
      }),
    );
    expect(serverOffsetOf(Date.parse('2099-01-01T00:00:00Z'), T)).toBeUndefined();
    expect(serverOffsetOf(undefined, T)).toBeUndefined();
  });
});
