// A snapshot's entitlements packed into one ArrayBuffer: what the engine stores, sends to
// pages and the metering worker, and what pages read their getters from. One buffer
// instead of thousands of objects: it clones and stores as a copy of bytes (no long task
// deserialising 50,000 objects), and holds about a fifth of the memory. Entries are
// decoded on demand, and the entries read most recently are kept decoded, so a getter in
// a hot path costs a hash lookup.
//
// Buffers come back from storage and across hosts, so reading one validates it whole
// first: a malformed buffer is refused (`PackedEntitlements.of` throws), never read out
// of bounds.
import { isMeteredFeature } from './decide';
import {
  AccessDeniedReason,
  EntitlementResetPeriod,
  FeatureType,
  MeterType,
  MonthlyAccordingTo,
  WeeklyAccordingTo,
  type CachedEntitlement,
  type ResetPeriodConfiguration,
} from './model';

const MAGIC = 0x47485031; // "GHP1", also tells a buffer written with another byte order
const NONE = 0xffffffff;

// Header words.
const H_MAGIC = 0;
const H_COUNT = 1;
const H_STRINGS = 2;
const H_CHARS = 3;
const H_WIDE = 4;
const H_NUMBERS = 5;
const H_SLOTS = 6;
const H_METERED = 7;
const H_ENUMS = 8;
const H_DETAILS = 9;
const H_REFS = 10;
const H_WIDE_REFS = 11;
const HEADER_WORDS = 12;

// Per entry, words: its id and name (string indexes), its details (an index into the
// details table, shared by entries with the same ones), and where its number refs start.
const W_FEATURE_ID = 0;
const W_DISPLAY_NAME = 1;
const W_DETAILS = 2;
const W_REFS = 3;
const ENTRY_WORDS = 4;

// A details tuple, words: string indexes.
const D_DESCRIPTION = 0;
const D_UNITS = 1;
const D_UNITS_PLURAL = 2;
const D_YEARLY = 3;
const DETAIL_WORDS = 4;

// Per entry, bytes: enum codes (1 + an index into the buffer's enum table; 0 for none),
// flags, and which numbers follow (a bit per NUMBER_FIELDS entry).
const B_FEATURE_TYPE = 0;
const B_METER_TYPE = 1;
const B_REASON = 2;
const B_RESET_PERIOD = 3;
const B_MONTHLY = 4;
const B_WEEKLY = 5;
const B_FLAGS = 6;
const B_NUMBERS = 7;
const ENTRY_BYTES = 8;
const ENUM_BYTES = [B_FEATURE_TYPE, B_METER_TYPE, B_REASON, B_RESET_PERIOD, B_MONTHLY, B_WEEKLY];

const FLAG_FEATURE = 1;
const FLAG_UNLIMITED = 2;
const FLAG_SOFT_LIMIT = 4;

const NUMBER_FIELDS = [
  'usageLimit',
  'currentUsage',
  'usagePeriodAnchor',
  'usagePeriodStart',
  'usagePeriodEnd',
  'entitlementUpdatedAt',
  'usageUpdatedAt',
] as const;
type NumberField = (typeof NUMBER_FIELDS)[number];

/** Decoded entries kept per buffer; past this the cache starts over (bounded memory). */
const DECODED_CACHE_SIZE = 128;

const enumValues = (values: Record<string, string>) => new Set<string>(Object.values(values));
const FEATURE_TYPES = enumValues(FeatureType);
const METER_TYPES = enumValues(MeterType);
const REASONS = enumValues(AccessDeniedReason);
const RESET_PERIODS = enumValues(EntitlementResetPeriod);
const MONTHLY = enumValues(MonthlyAccordingTo);
const WEEKLY = enumValues(WeeklyAccordingTo);

interface Layout {
  numbers: number;
  entries: number;
  details: number;
  stringStarts: number;
  slots: number;
  metered: number;
  enums: number;
  refs: number;
  chars: number;
  entryBytes: number;
  byteLength: number;
}

interface Counts {
  count: number;
  strings: number;
  chars: number;
  wide: boolean;
  /** Distinct numbers: entries refer to them, as timestamps and limits repeat across a catalog. */
  numbers: number;
  slots: number;
  metered: number;
  enums: number;
  details: number;
  refs: number;
  /** Refs are 32-bit when there are more distinct numbers than 16 bits can index. */
  wideRefs: boolean;
}

const align = (offset: number, size: number) => Math.ceil(offset / size) * size;

/** Where each region starts: numbers first (8-byte aligned), then words, then narrow data. */
function layoutOf(c: Counts): Layout {
  const numbers = align(HEADER_WORDS * 4, 8);
  const entries = numbers + c.numbers * 8;
  const details = entries + c.count * ENTRY_WORDS * 4;
  const stringStarts = details + c.details * DETAIL_WORDS * 4;
  const slots = stringStarts + (c.strings + 1) * 4;
  const metered = slots + c.slots * 4;
  const enums = metered + c.metered * 4;
  const refs = enums + c.enums * 4;
  const chars = refs + c.refs * (c.wideRefs ? 4 : 2);
  const entryBytes = chars + c.chars * (c.wide ? 2 : 1);
  const byteLength = align(entryBytes + c.count * ENTRY_BYTES, 8);
  return { numbers, entries, details, stringStarts, slots, metered, enums, refs, chars, entryBytes, byteLength };
}

/** FNV-1a over UTF-16 code units. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

function slotCountFor(count: number): number {
  let slots = 2;
  while (slots < count + (count >> 1) + 1) slots *= 2;
  return slots;
}

/** Assigns each distinct value an index, in order of first use. */
class Interner<T> {
  readonly values: T[] = [];
  private readonly index = new Map<T, number>();
  add(value: T): number {
    let found = this.index.get(value);
    if (found === undefined) {
      found = this.values.length;
      this.values.push(value);
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

  const strings = new Interner<string>();
  const string = (text: string | undefined | null) => (text === undefined || text === null ? NONE : strings.add(text));
  const enums = new Interner<string>();
  const code = (value: string | undefined | null): number => {
    if (!value) return 0;
    const index = enums.add(value);
    if (index >= 255) throw new Error('too many distinct enum values to pack');
    strings.add(value);
    return index + 1;
  };
  const details = new Interner<string>(); // "a,b,c,d" string indexes: one tuple per distinct set
  // -0 is kept apart from 0 (a Map would merge them).
  const numbers = new Interner<number | '-0'>();

  const words = new Uint32Array(list.length * ENTRY_WORDS);
  const bytes = new Uint8Array(list.length * ENTRY_BYTES);
  const refs: number[] = [];
  const metered: number[] = [];
  list.forEach((entitlement, index) => {
    const w = index * ENTRY_WORDS;
    const b = index * ENTRY_BYTES;
    const { feature, resetPeriodConfiguration: config } = entitlement;
    words[w + W_FEATURE_ID] = string(entitlement.featureId);
    words[w + W_DISPLAY_NAME] = string(feature?.displayName);
    const tuple = [feature?.description, feature?.units, feature?.unitsPlural, config?.yearlyAccordingTo].map(string);
    words[w + W_DETAILS] = tuple.every((part) => part === NONE) ? NONE : details.add(tuple.join(','));
    words[w + W_REFS] = refs.length;
    bytes[b + B_FEATURE_TYPE] = code(feature?.featureType);
    bytes[b + B_METER_TYPE] = code(feature?.meterType);
    bytes[b + B_REASON] = code(entitlement.accessDeniedReason);
    bytes[b + B_RESET_PERIOD] = code(entitlement.resetPeriod);
    bytes[b + B_MONTHLY] = code(config?.monthlyAccordingTo);
    bytes[b + B_WEEKLY] = code(config?.weeklyAccordingTo);
    bytes[b + B_FLAGS] =
      (feature ? FLAG_FEATURE : 0) | (entitlement.hasUnlimitedUsage ? FLAG_UNLIMITED : 0) | (entitlement.hasSoftLimit ? FLAG_SOFT_LIMIT : 0);
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

  const texts = strings.values;
  const charCount = texts.reduce((total, text) => total + text.length, 0);
  const counts: Counts = {
    count: list.length,
    strings: texts.length,
    chars: charCount,
    wide: texts.some((text) => /[^\u0000-\u00ff]/.test(text)),
    numbers: numbers.values.length,
    slots: slotCountFor(list.length),
    metered: metered.length,
    enums: enums.values.length,
    details: details.values.length,
    refs: refs.length,
    wideRefs: numbers.values.length > 0xffff,
  };
  const layout = layoutOf(counts);
  const buffer = new ArrayBuffer(layout.byteLength);
  const header = new Uint32Array(buffer, 0, HEADER_WORDS);
  header[H_MAGIC] = MAGIC;
  header[H_COUNT] = counts.count;
  header[H_STRINGS] = counts.strings;
  header[H_CHARS] = counts.chars;
  header[H_WIDE] = counts.wide ? 1 : 0;
  header[H_NUMBERS] = counts.numbers;
  header[H_SLOTS] = counts.slots;
  header[H_METERED] = counts.metered;
  header[H_ENUMS] = counts.enums;
  header[H_DETAILS] = counts.details;
  header[H_REFS] = counts.refs;
  header[H_WIDE_REFS] = counts.wideRefs ? 1 : 0;
  new Float64Array(buffer, layout.numbers, counts.numbers).set(numbers.values.map((value) => (value === '-0' ? -0 : value)));
  new Uint32Array(buffer, layout.entries, words.length).set(words);
  new Uint32Array(buffer, layout.details, counts.details * DETAIL_WORDS).set(details.values.flatMap((tuple) => tuple.split(',').map(Number)));
  const starts = new Uint32Array(buffer, layout.stringStarts, counts.strings + 1);
  const chars = counts.wide ? new Uint16Array(buffer, layout.chars, charCount) : new Uint8Array(buffer, layout.chars, charCount);
  let at = 0;
  texts.forEach((text, index) => {
    starts[index] = at;
    for (let i = 0; i < text.length; i += 1) chars[at + i] = text.charCodeAt(i);
    at += text.length;
  });
  starts[counts.strings] = at;
  const slots = new Uint32Array(buffer, layout.slots, counts.slots);
  list.forEach((entitlement, index) => {
    let slot = hashOf(entitlement.featureId) & (counts.slots - 1);
    while (slots[slot] !== 0) slot = (slot + 1) & (counts.slots - 1);
    slots[slot] = index + 1;
  });
  new Uint32Array(buffer, layout.metered, counts.metered).set(metered);
  new Uint32Array(buffer, layout.enums, counts.enums).set(enums.values.map((value) => strings.add(value)));
  (counts.wideRefs ? new Uint32Array(buffer, layout.refs, counts.refs) : new Uint16Array(buffer, layout.refs, counts.refs)).set(refs);
  new Uint8Array(buffer, layout.entryBytes, bytes.length).set(bytes);
  return buffer;
}

const popcount = (bits: number) => {
  let count = 0;
  for (let rest = bits; rest; rest &= rest - 1) count += 1;
  return count;
};

const views = new WeakMap<ArrayBuffer, PackedEntitlements>();

/** Read access to a packed buffer. */
export class PackedEntitlements {
  readonly size: number;
  private readonly numbers: Float64Array;
  private readonly words: Uint32Array;
  private readonly details: Uint32Array;
  private readonly starts: Uint32Array;
  private readonly slots: Uint32Array;
  private readonly meteredIndexes: Uint32Array;
  private readonly enumStrings: Uint32Array;
  private readonly refs: Uint16Array | Uint32Array;
  private readonly chars: Uint8Array | Uint16Array;
  private readonly bytes: Uint8Array;
  private decoded = new Map<string, CachedEntitlement | null>();

  /** The reader of `buffer` (one per buffer); throws when the buffer is not a valid pack. */
  static of(buffer: ArrayBuffer): PackedEntitlements {
    let view = views.get(buffer);
    if (!view) {
      view = new PackedEntitlements(buffer);
      views.set(buffer, view);
    }
    return view;
  }

  /** Whether `value` is a buffer this module can read. */
  static isValid(value: unknown): value is ArrayBuffer {
    if (!(value instanceof ArrayBuffer)) return false;
    try {
      PackedEntitlements.of(value);
      return true;
    } catch {
      return false;
    }
  }

  private constructor(buffer: ArrayBuffer) {
    if (buffer.byteLength < HEADER_WORDS * 4) throw new Error('not a packed entitlements buffer: too short');
    const header = new Uint32Array(buffer, 0, HEADER_WORDS);
    if (header[H_MAGIC] !== MAGIC) throw new Error('not a packed entitlements buffer: wrong format');
    const counts: Counts = {
      count: header[H_COUNT]!,
      strings: header[H_STRINGS]!,
      chars: header[H_CHARS]!,
      wide: header[H_WIDE] === 1,
      numbers: header[H_NUMBERS]!,
      slots: header[H_SLOTS]!,
      metered: header[H_METERED]!,
      enums: header[H_ENUMS]!,
      details: header[H_DETAILS]!,
      refs: header[H_REFS]!,
      wideRefs: header[H_WIDE_REFS] === 1,
    };
    const layout = layoutOf(counts);
    if (layout.byteLength !== buffer.byteLength) throw new Error('not a packed entitlements buffer: its length does not match its header');
    this.size = counts.count;
    this.numbers = new Float64Array(buffer, layout.numbers, counts.numbers);
    this.words = new Uint32Array(buffer, layout.entries, counts.count * ENTRY_WORDS);
    this.details = new Uint32Array(buffer, layout.details, counts.details * DETAIL_WORDS);
    this.starts = new Uint32Array(buffer, layout.stringStarts, counts.strings + 1);
    this.slots = new Uint32Array(buffer, layout.slots, counts.slots);
    this.meteredIndexes = new Uint32Array(buffer, layout.metered, counts.metered);
    this.enumStrings = new Uint32Array(buffer, layout.enums, counts.enums);
    this.refs = counts.wideRefs ? new Uint32Array(buffer, layout.refs, counts.refs) : new Uint16Array(buffer, layout.refs, counts.refs);
    this.chars = counts.wide ? new Uint16Array(buffer, layout.chars, counts.chars) : new Uint8Array(buffer, layout.chars, counts.chars);
    this.bytes = new Uint8Array(buffer, layout.entryBytes, counts.count * ENTRY_BYTES);
    this.validate(counts);
  }

  private validate(c: Counts): void {
    const fail = (what: string): never => {
      throw new Error(`not a packed entitlements buffer: ${what}`);
    };
    const optionalString = (index: number) => index === NONE || index < c.strings;
    if (c.slots <= c.count || (c.slots & (c.slots - 1)) !== 0) fail('bad hash table size');
    if (this.starts[0] !== 0 || this.starts[c.strings] !== c.chars) fail('bad string table');
    for (let i = 0; i < c.strings; i += 1) if (this.starts[i]! > this.starts[i + 1]!) fail('bad string table');
    for (const index of this.details) if (!optionalString(index)) fail('a string out of range');
    for (const ref of this.refs) if (ref >= c.numbers) fail('a number out of range');
    for (let e = 0; e < c.count; e += 1) {
      const w = e * ENTRY_WORDS;
      if (this.words[w + W_FEATURE_ID]! >= c.strings) fail('an entry without a feature id');
      if (!optionalString(this.words[w + W_DISPLAY_NAME]!)) fail('a string out of range');
      const details = this.words[w + W_DETAILS]!;
      if (details !== NONE && details >= c.details) fail('details out of range');
      const b = e * ENTRY_BYTES;
      for (const at of ENUM_BYTES) if (this.bytes[b + at]! > c.enums) fail('an enum code out of range');
      const present = this.bytes[b + B_NUMBERS]!;
      if (present >= 1 << NUMBER_FIELDS.length || this.words[w + W_REFS]! + popcount(present) > c.refs) fail('numbers out of range');
    }
    let used = 0;
    for (const slot of this.slots) {
      if (slot > c.count) fail('a hash slot out of range');
      if (slot) used += 1;
    }
    if (used !== c.count) fail('bad hash table');
    for (const index of this.meteredIndexes) if (index >= c.count) fail('a metered entry out of range');
    for (const index of this.enumStrings) if (index >= c.strings) fail('an enum string out of range');
  }

  has(featureId: string): boolean {
    return this.indexOf(featureId) >= 0;
  }

  /** One feature's entitlement; the same object while it stays among the recently read. */
  get(featureId: string): CachedEntitlement | undefined {
    const cached = this.decoded.get(featureId);
    if (cached !== undefined) return cached ?? undefined;
    const index = typeof featureId === 'string' ? this.indexOf(featureId) : -1;
    const entitlement = index >= 0 ? this.decode(index) : null;
    if (this.decoded.size >= DECODED_CACHE_SIZE) this.decoded = new Map();
    this.decoded.set(featureId, entitlement);
    return entitlement ?? undefined;
  }

  /** Every entitlement, in packing order (decoded afresh: for whole-list reads, not hot paths). */
  *all(): IterableIterator<CachedEntitlement> {
    for (let index = 0; index < this.size; index += 1) yield this.decode(index);
  }

  /** The metered entitlements: the only ones that roll over or take local usage. */
  *metered(): IterableIterator<CachedEntitlement> {
    for (const index of this.meteredIndexes) yield this.decode(index);
  }

  private indexOf(featureId: string): number {
    const mask = this.slots.length - 1;
    for (let slot = hashOf(featureId) & mask; ; slot = (slot + 1) & mask) {
      const found = this.slots[slot]!;
      if (found === 0) return -1;
      if (this.stringEquals(this.words[(found - 1) * ENTRY_WORDS + W_FEATURE_ID]!, featureId)) return found - 1;
    }
  }

  private stringEquals(index: number, text: string): boolean {
    const start = this.starts[index]!;
    if (this.starts[index + 1]! - start !== text.length) return false;
    for (let i = 0; i < text.length; i += 1) if (this.chars[start + i] !== text.charCodeAt(i)) return false;
    return true;
  }

  private text(index: number): string | undefined {
    if (index === NONE) return undefined;
    const start = this.starts[index]!;
    const end = this.starts[index + 1]!;
    let text = '';
    // In slices: fromCharCode takes its arguments on the stack.
    for (let at = start; at < end; at += 8192) {
      text += String.fromCharCode.apply(null, this.chars.subarray(at, Math.min(end, at + 8192)) as unknown as number[]);
    }
    return text;
  }

  private detail(w: number, part: number): string | undefined {
    const details = this.words[w + W_DETAILS]!;
    return details === NONE ? undefined : this.text(this.details[details * DETAIL_WORDS + part]!);
  }

  private enumValue<T extends string>(code: number, allowed: Set<string>): T | undefined {
    if (code === 0) return undefined;
    const value = this.text(this.enumStrings[code - 1]!);
    return value !== undefined && allowed.has(value) ? (value as T) : undefined;
  }

  private decode(index: number): CachedEntitlement {
    const w = index * ENTRY_WORDS;
    const b = index * ENTRY_BYTES;
    const bytes = this.bytes;
    const flags = bytes[b + B_FLAGS]!;
    const featureId = this.text(this.words[w + W_FEATURE_ID]!)!;
    const numbers: Partial<Record<NumberField, number>> = {};
    let next = this.words[w + W_REFS]!;
    const present = bytes[b + B_NUMBERS]!;
    NUMBER_FIELDS.forEach((field, bit) => {
      if (present & (1 << bit)) numbers[field] = this.numbers[this.refs[next++]!]!;
    });
    const entitlement: CachedEntitlement = {
      featureId,
      usageLimit: numbers.usageLimit ?? null,
      hasUnlimitedUsage: (flags & FLAG_UNLIMITED) !== 0,
      hasSoftLimit: (flags & FLAG_SOFT_LIMIT) !== 0,
      currentUsage: numbers.currentUsage ?? 0,
    };
    const featureType = this.enumValue<FeatureType>(bytes[b + B_FEATURE_TYPE]!, FEATURE_TYPES);
    if (flags & FLAG_FEATURE && featureType) {
      const feature: NonNullable<CachedEntitlement['feature']> = {
        id: featureId,
        featureType,
        displayName: this.text(this.words[w + W_DISPLAY_NAME]!) ?? featureId,
        description: this.detail(w, D_DESCRIPTION) ?? '',
      };
      const meterType = this.enumValue<MeterType>(bytes[b + B_METER_TYPE]!, METER_TYPES);
      if (meterType) feature.meterType = meterType;
      const units = this.detail(w, D_UNITS);
      if (units) feature.units = units;
      const unitsPlural = this.detail(w, D_UNITS_PLURAL);
      if (unitsPlural) feature.unitsPlural = unitsPlural;
      entitlement.feature = feature;
    }
    const reason = this.enumValue<AccessDeniedReason>(bytes[b + B_REASON]!, REASONS);
    if (reason) entitlement.accessDeniedReason = reason;
    const resetPeriod = this.enumValue<EntitlementResetPeriod>(bytes[b + B_RESET_PERIOD]!, RESET_PERIODS);
    if (resetPeriod) entitlement.resetPeriod = resetPeriod;
    const configuration = this.configuration(w, b);
    if (configuration) entitlement.resetPeriodConfiguration = configuration;
    for (const field of NUMBER_FIELDS) {
      if (field !== 'usageLimit' && field !== 'currentUsage' && numbers[field] !== undefined) entitlement[field] = numbers[field];
    }
    return entitlement;
  }

  private configuration(w: number, b: number): ResetPeriodConfiguration | undefined {
    const monthly = this.enumValue<MonthlyAccordingTo>(this.bytes[b + B_MONTHLY]!, MONTHLY);
    if (monthly) return { monthlyAccordingTo: monthly };
    const weekly = this.enumValue<WeeklyAccordingTo>(this.bytes[b + B_WEEKLY]!, WEEKLY);
    if (weekly) return { weeklyAccordingTo: weekly };
    const yearly = this.detail(w, D_YEARLY);
    return yearly ? { yearlyAccordingTo: yearly } : undefined;
  }
}

/** Whether two packs hold the same bytes (equal content packed in the same order). */
export function samePack(a: ArrayBuffer, b: ArrayBuffer): boolean {
  if (a === b) return true;
  if (a.byteLength !== b.byteLength) return false;
  const wordy = a.byteLength % 4 === 0;
  const x = wordy ? new Uint32Array(a) : new Uint8Array(a);
  const y = wordy ? new Uint32Array(b) : new Uint8Array(b);
  for (let i = 0; i < x.length; i += 1) if (x[i] !== y[i]) return false;
  return true;
}
