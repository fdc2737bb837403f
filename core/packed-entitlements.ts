// A snapshot's entitlements packed into one ArrayBuffer: what the engine stores, sends to
// pages and the metering worker, and what pages read their getters from. One buffer
// instead of thousands of objects: it clones and stores as a copy of bytes (no long task
// deserialising 50,000 objects) and holds a fraction of the memory. Entries are decoded
// on demand, and the ones read most recently are kept decoded, so a getter in a hot path
// costs a hash lookup. The writer is ./pack-entitlements.ts; ./pack-soundness.ts checks a
// buffer whole (the engine does, before it trusts one from storage).
//
// A reader checks the header (format, byte order, lengths); past that a damaged buffer
// reads as odd values, never as an exception or an endless loop.
import type {
  AccessDeniedReason,
  CachedEntitlement,
  EntitlementResetPeriod,
  FeatureType,
  MeterType,
  MonthlyAccordingTo,
  WeeklyAccordingTo,
} from './model';
import { fnv1a } from './fnv';

/** "GHP2"; a buffer written with the other byte order or another format reads differently. */
export const MAGIC = 0x47485032;
export const NONE = 0xffffffff;

/** Header words: the magic, then the count of each region (see `layoutOf`). */
export const HEADER = ['magic', 'count', 'strings', 'chars', 'numbers', 'slots', 'metered', 'enums', 'details', 'refs', 'flags'] as const;
export type Counts = Record<(typeof HEADER)[number], number>;
export const WIDE_CHARS = 1;
export const WIDE_INDEXES = 2;
export const WIDE_REFS = 4;

/**
 * Strings 2i and 2i + 1 are entry i's feature id and display name; shared strings
 * (details, enum values) follow. Per entry, two words: its details tuple (description,
 * units, plural units, yearly reset: string indexes, shared by entries with the same
 * ones) and where its number refs start. Numbers are stored once each and referred to.
 */
export const ENTRY_WORDS = 2;
export const DETAIL_WORDS = 4;

/** Per entry, bytes: enum codes (1 + an index into the enum table; 0 for none), flags, which numbers are present. */
export const ENUM_FIELDS = ['featureType', 'meterType', 'accessDeniedReason', 'resetPeriod', 'monthlyAccordingTo', 'weeklyAccordingTo'] as const;
export const B_FLAGS = 6;
export const B_NUMBERS = 7;
export const ENTRY_BYTES = 8;

export const FLAG_FEATURE = 1;
export const FLAG_UNLIMITED = 2;
export const FLAG_SOFT_LIMIT = 4;
export const FLAG_NAMED = 8;

export const NUMBER_FIELDS = [
  'usageLimit',
  'currentUsage',
  'usagePeriodAnchor',
  'usagePeriodStart',
  'usagePeriodEnd',
  'entitlementUpdatedAt',
  'usageUpdatedAt',
] as const;

const PERIOD_END_BIT = NUMBER_FIELDS.indexOf('usagePeriodEnd');

/** Decoded entries kept per buffer; past this the cache starts over (bounded memory). */
const DECODED_CACHE_SIZE = 128;

const align = (offset: number, size: number) => Math.ceil(offset / size) * size;

export type Layout = Record<'numbers' | 'entries' | 'details' | 'starts' | 'enums' | 'slots' | 'metered' | 'refs' | 'chars' | 'bytes' | 'end', number>;

/** Where each region starts, each aligned to its element size. */
export function layoutOf(c: Counts): Layout {
  const index = c.flags & WIDE_INDEXES ? 4 : 2;
  const ref = c.flags & WIDE_REFS ? 4 : 2;
  const char = c.flags & WIDE_CHARS ? 2 : 1;
  const numbers = align(HEADER.length * 4, 8);
  const entries = numbers + c.numbers * 8;
  const details = entries + c.count * ENTRY_WORDS * 4;
  const starts = details + c.details * DETAIL_WORDS * 4;
  const enums = starts + (c.strings + 1) * 4;
  const slots = enums + c.enums * 4;
  const metered = slots + c.slots * index;
  const refs = align(metered + c.metered * index, ref);
  const chars = align(refs + c.refs * ref, char);
  const bytes = chars + c.chars * char;
  return { numbers, entries, details, starts, enums, slots, metered, refs, chars, bytes, end: align(bytes + c.count * ENTRY_BYTES, 8) };
}

/** Where a feature id's hash probe starts. */
export const hashOf = fnv1a;

/** The regions of a buffer whose header and length agree, as typed arrays. */
export function regionsOf(buffer: ArrayBuffer) {
  if (!(buffer instanceof ArrayBuffer) || buffer.byteLength < HEADER.length * 4) throw new Error('not a packed entitlements buffer');
  const header = new Uint32Array(buffer, 0, HEADER.length);
  const counts = Object.fromEntries(HEADER.map((name, i) => [name, header[i]!])) as Counts;
  const at = layoutOf(counts);
  if (counts.magic !== MAGIC || at.end !== buffer.byteLength) throw new Error('not a packed entitlements buffer (another format, or damaged)');
  const Index = counts.flags & WIDE_INDEXES ? Uint32Array : Uint16Array;
  return {
    counts,
    numbers: new Float64Array(buffer, at.numbers, counts.numbers),
    words: new Uint32Array(buffer, at.entries, counts.count * ENTRY_WORDS),
    details: new Uint32Array(buffer, at.details, counts.details * DETAIL_WORDS),
    starts: new Uint32Array(buffer, at.starts, counts.strings + 1),
    enums: new Uint32Array(buffer, at.enums, counts.enums),
    slots: new Index(buffer, at.slots, counts.slots),
    metered: new Index(buffer, at.metered, counts.metered),
    refs: new (counts.flags & WIDE_REFS ? Uint32Array : Uint16Array)(buffer, at.refs, counts.refs),
    chars: new (counts.flags & WIDE_CHARS ? Uint16Array : Uint8Array)(buffer, at.chars, counts.chars),
    bytes: new Uint8Array(buffer, at.bytes, counts.count * ENTRY_BYTES),
  };
}

export interface PackedEntitlements {
  readonly size: number;
  /** One feature's entitlement; the same object while it stays among the recently read. */
  get(featureId: string): CachedEntitlement | undefined;
  /** Every entitlement, in packing order (decoded afresh: for whole-list reads, not hot paths). */
  all(): CachedEntitlement[];
  /** The metered entitlements: the only ones that roll over or take local usage. */
  metered(): CachedEntitlement[];
  /** How many entitlements are metered; each can be read by its position among them. */
  readonly meteredCount: number;
  /** The usage period end of a metered entitlement, read without decoding the rest of it. */
  meteredPeriodEnd(position: number): number | undefined;
  meteredAt(position: number): CachedEntitlement;
}

const readers = new WeakMap<ArrayBuffer, PackedEntitlements>();

/** The reader of `buffer` (one per buffer); throws when its header does not describe it. */
export function readPack(buffer: ArrayBuffer): PackedEntitlements {
  let reader = readers.get(buffer);
  if (!reader) readers.set(buffer, (reader = newReader(buffer)));
  return reader;
}

/** Whether `value` is a buffer `readPack` reads. */
export function isPack(value: unknown): value is ArrayBuffer {
  try {
    return !!readPack(value as ArrayBuffer);
  } catch {
    return false;
  }
}

function newReader(buffer: ArrayBuffer): PackedEntitlements {
  const { counts, numbers, words, details, starts, enums, slots, metered, refs, chars, bytes } = regionsOf(buffer);
  const text = (index: number | undefined): string | undefined => {
    const start = starts[index!];
    const next = starts[index! + 1];
    if (start === undefined || next === undefined || index === NONE) return undefined;
    const end = Math.min(next, chars.length);
    // fromCharCode takes its arguments on the stack: long strings go in slices.
    let text = '';
    for (let at = start; at < end; at += 4096) {
      const codes = new Array<number>(Math.min(end, at + 4096) - at);
      for (let i = 0; i < codes.length; i += 1) codes[i] = chars[at + i]!;
      text += String.fromCharCode.apply(null, codes);
    }
    return text;
  };
  const enumValues = Array.from(enums, text);

  const enumAt = (b: number, field: number) => enumValues[bytes[b + field]! - 1];
  const detailAt = (detailsAt: number, part: number) => (detailsAt === NONE ? undefined : text(details[detailsAt * DETAIL_WORDS + part]));

  // Written out field by field, without temporary closures or arrays: a whole-list read
  // decodes every entry.
  const decode = (index: number): CachedEntitlement => {
    const b = index * ENTRY_BYTES;
    const flags = bytes[b + B_FLAGS] ?? 0;
    const detailsAt = words[index * ENTRY_WORDS] ?? NONE;
    const featureId = text(2 * index) ?? '';
    const entitlement: CachedEntitlement = {
      featureId,
      usageLimit: null,
      hasUnlimitedUsage: (flags & FLAG_UNLIMITED) !== 0,
      hasSoftLimit: (flags & FLAG_SOFT_LIMIT) !== 0,
      currentUsage: 0,
    };
    const featureType = enumAt(b, 0) as FeatureType | undefined;
    if (flags & FLAG_FEATURE && featureType) {
      const feature: NonNullable<CachedEntitlement['feature']> = {
        id: featureId,
        featureType,
        displayName: flags & FLAG_NAMED ? (text(2 * index + 1) ?? featureId) : featureId,
        description: detailAt(detailsAt, 0) ?? '',
      };
      const meterType = enumAt(b, 1) as MeterType | undefined;
      if (meterType) feature.meterType = meterType;
      const units = detailAt(detailsAt, 1);
      if (units) feature.units = units;
      const unitsPlural = detailAt(detailsAt, 2);
      if (unitsPlural) feature.unitsPlural = unitsPlural;
      entitlement.feature = feature;
    }
    const reason = enumAt(b, 2) as AccessDeniedReason | undefined;
    if (reason) entitlement.accessDeniedReason = reason;
    const resetPeriod = enumAt(b, 3) as EntitlementResetPeriod | undefined;
    if (resetPeriod) entitlement.resetPeriod = resetPeriod;
    const monthly = enumAt(b, 4) as MonthlyAccordingTo | undefined;
    const weekly = enumAt(b, 5) as WeeklyAccordingTo | undefined;
    const yearly = monthly || weekly ? undefined : detailAt(detailsAt, 3);
    if (monthly) entitlement.resetPeriodConfiguration = { monthlyAccordingTo: monthly };
    else if (weekly) entitlement.resetPeriodConfiguration = { weeklyAccordingTo: weekly };
    else if (yearly) entitlement.resetPeriodConfiguration = { yearlyAccordingTo: yearly };
    const present = bytes[b + B_NUMBERS] ?? 0;
    let ref = words[index * ENTRY_WORDS + 1] ?? 0;
    for (let bit = 0; bit < NUMBER_FIELDS.length; bit += 1) {
      if (!(present & (1 << bit))) continue;
      const value = numbers[refs[ref++]!];
      if (value !== undefined) entitlement[NUMBER_FIELDS[bit]!] = value;
    }
    return entitlement;
  };

  const indexOf = (featureId: string): number => {
    const mask = slots.length - 1;
    for (let probe = 0, slot = hashOf(featureId) & mask; probe < slots.length; probe += 1, slot = (slot + 1) & mask) {
      const found = slots[slot]!;
      if (!found) return -1;
      const start = starts[2 * (found - 1)]!;
      let same = starts[2 * found - 1]! - start === featureId.length;
      for (let i = 0; same && i < featureId.length; i += 1) same = chars[start + i] === featureId.charCodeAt(i);
      if (same) return found - 1;
    }
    return -1;
  };

  let decoded = new Map<string, CachedEntitlement | null>();
  return {
    size: counts.count,
    get(featureId) {
      let entitlement = decoded.get(featureId);
      if (entitlement === undefined) {
        const index = typeof featureId === 'string' ? indexOf(featureId) : -1;
        entitlement = index >= 0 ? decode(index) : null;
        if (decoded.size >= DECODED_CACHE_SIZE) decoded = new Map();
        decoded.set(featureId, entitlement);
      }
      return entitlement ?? undefined;
    },
    all: () => Array.from({ length: counts.count }, (_, index) => decode(index)),
    metered: () => Array.from(metered, decode),
    meteredCount: metered.length,
    meteredPeriodEnd(position) {
      const index = metered[position] ?? 0;
      const present = bytes[index * ENTRY_BYTES + B_NUMBERS] ?? 0;
      if (!(present & (1 << PERIOD_END_BIT))) return undefined;
      let ref = words[index * ENTRY_WORDS + 1] ?? 0;
      for (let before = present & ((1 << PERIOD_END_BIT) - 1); before; before &= before - 1) ref += 1;
      return numbers[refs[ref]!];
    },
    meteredAt: (position) => decode(metered[position] ?? 0),
  };
}
