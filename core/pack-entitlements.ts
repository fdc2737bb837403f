// The writer of packed entitlements (the format and its reader: ./packed-entitlements.ts).
// Kept apart so hosts that only read (a page before its first visit's answer) do not load it.
import { isMeteredFeature } from './decide';
import type { CachedEntitlement } from './model';
import {
  B_FLAGS,
  B_NUMBERS,
  DETAIL_WORDS,
  ENTRY_BYTES,
  ENTRY_WORDS,
  ENUM_FIELDS,
  FLAG_FEATURE,
  FLAG_NAMED,
  FLAG_SOFT_LIMIT,
  FLAG_UNLIMITED,
  hashOf,
  HEADER,
  layoutOf,
  MAGIC,
  NONE,
  NUMBER_FIELDS,
  WIDE_CHARS,
  WIDE_INDEXES,
  WIDE_REFS,
  type Counts,
} from './packed-entitlements';

/** Assigns each distinct value an index, in order of first use. */
class Interner<T> {
  readonly values: T[] = [];
  private readonly index = new Map<T, number>();
  add(value: T): number {
    let found = this.index.get(value);
    if (found === undefined) {
      found = this.values.push(value) - 1;
      this.index.set(value, found);
    }
    return found;
  }
}

/** Packs entitlements (a later entry for the same feature replaces an earlier one). */
export function packEntitlements(entitlements: Iterable<CachedEntitlement>): ArrayBuffer {
  const byId = new Map<string, CachedEntitlement>();
  for (const entitlement of entitlements) byId.set(entitlement.featureId, entitlement);
  const list = [...byId.values()];
  const count = list.length;

  // Each entry's id and name first (strings 2i and 2i + 1), then shared strings.
  const texts: string[] = [];
  for (const { featureId, feature } of list) texts.push(featureId, feature && feature.displayName !== featureId ? feature.displayName : '');
  const shared = new Interner<string>();
  const string = (text: string | null | undefined) => (text === undefined || text === null ? NONE : 2 * count + shared.add(text));
  const enums = new Interner<string>();
  const enumStrings: number[] = [];
  const code = (value: string | undefined): number => {
    if (!value) return 0;
    const index = enums.add(value);
    if (index === enumStrings.length) enumStrings.push(string(value));
    return index + 1;
  };
  const details = new Interner<string>();
  const detailWords: number[] = [];
  // -0 is kept apart from 0 (a Map would merge them).
  const numbers = new Interner<number | '-0'>();

  const words = new Uint32Array(count * ENTRY_WORDS);
  const bytes = new Uint8Array(count * ENTRY_BYTES);
  const refs: number[] = [];
  const metered: number[] = [];
  list.forEach((entitlement, index) => {
    const { feature, resetPeriodConfiguration: config } = entitlement;
    const tuple = [feature?.description, feature?.units, feature?.unitsPlural, config?.yearlyAccordingTo];
    let detailsAt = NONE;
    if (tuple.some((part) => typeof part === 'string')) {
      detailsAt = details.add(JSON.stringify(tuple));
      if (detailsAt * DETAIL_WORDS === detailWords.length) detailWords.push(...tuple.map(string));
    }
    words[index * ENTRY_WORDS] = detailsAt;
    words[index * ENTRY_WORDS + 1] = refs.length;
    const b = index * ENTRY_BYTES;
    const enumValues = [feature?.featureType, feature?.meterType, entitlement.accessDeniedReason, entitlement.resetPeriod, config?.monthlyAccordingTo, config?.weeklyAccordingTo];
    ENUM_FIELDS.forEach((_field, f) => (bytes[b + f] = code(enumValues[f] ?? undefined)));
    bytes[b + B_FLAGS] =
      (feature ? FLAG_FEATURE : 0) |
      (feature && feature.displayName !== entitlement.featureId ? FLAG_NAMED : 0) |
      (entitlement.hasUnlimitedUsage ? FLAG_UNLIMITED : 0) |
      (entitlement.hasSoftLimit ? FLAG_SOFT_LIMIT : 0);
    let present = 0;
    NUMBER_FIELDS.forEach((field, bit) => {
      const value = entitlement[field];
      if (typeof value !== 'number' || (field === 'currentUsage' && Object.is(value, 0))) return;
      present |= 1 << bit;
      refs.push(numbers.add(Object.is(value, -0) ? '-0' : value));
    });
    bytes[b + B_NUMBERS] = present;
    if (isMeteredFeature(feature)) metered.push(index);
  });
  texts.push(...shared.values);

  let slotCount = 2;
  while (slotCount < count + (count >> 1) + 1) slotCount *= 2;
  const charCount = texts.reduce((total, text) => total + text.length, 0);
  const counts: Counts = {
    magic: MAGIC,
    count,
    strings: texts.length,
    chars: charCount,
    numbers: numbers.values.length,
    slots: slotCount,
    metered: metered.length,
    enums: enumStrings.length,
    details: detailWords.length / DETAIL_WORDS,
    refs: refs.length,
    flags:
      (texts.some((text) => /[^\u0000-\u00ff]/.test(text)) ? WIDE_CHARS : 0) |
      (slotCount > 0xffff ? WIDE_INDEXES : 0) |
      (numbers.values.length > 0xffff ? WIDE_REFS : 0),
  };
  const at = layoutOf(counts);
  const buffer = new ArrayBuffer(at.end);
  const Index = counts.flags & WIDE_INDEXES ? Uint32Array : Uint16Array;
  new Uint32Array(buffer, 0, HEADER.length).set(HEADER.map((name) => counts[name]));
  new Float64Array(buffer, at.numbers, counts.numbers).set(numbers.values.map((value) => (value === '-0' ? -0 : value)));
  new Uint32Array(buffer, at.entries, words.length).set(words);
  new Uint32Array(buffer, at.details, detailWords.length).set(detailWords);
  new Uint32Array(buffer, at.enums, enumStrings.length).set(enumStrings);
  const starts = new Uint32Array(buffer, at.starts, texts.length + 1);
  const chars = counts.flags & WIDE_CHARS ? new Uint16Array(buffer, at.chars, charCount) : new Uint8Array(buffer, at.chars, charCount);
  let offset = 0;
  texts.forEach((text, index) => {
    starts[index] = offset;
    for (let i = 0; i < text.length; i += 1) chars[offset + i] = text.charCodeAt(i);
    offset += text.length;
  });
  starts[texts.length] = offset;
  const slots = new Index(buffer, at.slots, slotCount);
  list.forEach(({ featureId }, index) => {
    let slot = hashOf(featureId) & (slotCount - 1);
    while (slots[slot] !== 0) slot = (slot + 1) & (slotCount - 1);
    slots[slot] = index + 1;
  });
  new Index(buffer, at.metered, metered.length).set(metered);
  (counts.flags & WIDE_REFS ? new Uint32Array(buffer, at.refs, refs.length) : new Uint16Array(buffer, at.refs, refs.length)).set(refs);
  new Uint8Array(buffer, at.bytes, bytes.length).set(bytes);
  return buffer;
}
