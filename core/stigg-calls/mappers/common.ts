// Small conversions every mapper shares.
import type { Money } from '../../api-model';
import type { WireDate } from './wire';

/** A Date for a present wire date, else undefined (the official's `mapDate`). */
export const toDate = (value: WireDate | null | undefined): Date | undefined => (value ? new Date(value) : undefined);

export const toMoney = ({ amount, currency }: Money): Money => ({ amount, currency });

/** Union values keep `__typename`: it is the only thing that tells their variants apart. */
const UNION_FIELDS = new Set(['scheduleVariables', 'resetPeriodConfiguration']);

/**
 * A deep copy of wire data without the `__typename`s the cache adds, for objects the
 * official passes through unchanged. Also detaches results from the cache's objects.
 */
export function plain<T>(value: T, keepTypename = false): T {
  if (Array.isArray(value)) return value.map((item: unknown) => plain(item, keepTypename)) as T;
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (key !== '__typename' || keepTypename) copy[key] = plain(field, UNION_FIELDS.has(key));
  }
  return copy as T;
}

/** `{}` for a missing object, as the official's `omit(null, '__typename')` gives. */
export const plainOrEmpty = <T extends object>(value: T | null | undefined): Partial<T> => (value ? plain(value) : {});

/** The official maps arrays with lodash `map`: null becomes [], and `fn` gets the index too. */
export const mapList = <T, R>(list: readonly T[] | null | undefined, fn: (item: T, index: number) => R): R[] =>
  list ? list.map((item, index) => fn(item, index)) : [];
