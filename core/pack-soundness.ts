// Whether a packed buffer (./packed-entitlements.ts) is sound throughout: every index in
// range, the string table in order, the hash table complete, every enum value an official
// one. The engine checks buffers it reads back from storage; pages leave it to the engine.
import { AccessDeniedReason, EntitlementResetPeriod, FeatureType, MeterType, MonthlyAccordingTo, WeeklyAccordingTo } from './model';
import { B_NUMBERS, DETAIL_WORDS, ENTRY_BYTES, ENTRY_WORDS, NONE, NUMBER_FIELDS, regionsOf } from './packed-entitlements';

const ALLOWED = [FeatureType, MeterType, AccessDeniedReason, EntitlementResetPeriod, MonthlyAccordingTo, WeeklyAccordingTo].map(
  (values) => new Set<string>(Object.values(values)),
);

export function isSoundPack(buffer: unknown): buffer is ArrayBuffer {
  let regions: ReturnType<typeof regionsOf>;
  try {
    regions = regionsOf(buffer as ArrayBuffer);
  } catch {
    return false;
  }
  const { counts: c, words, details, starts, enums, slots, metered, refs, chars, bytes } = regions;
  if (c.strings < 2 * c.count || starts[0] !== 0 || starts[c.strings] !== c.chars) return false;
  for (let i = 0; i < c.strings; i += 1) if (starts[i]! > starts[i + 1]!) return false;
  if (enums.some((index) => index >= c.strings)) return false;
  if (details.some((index) => index !== NONE && index >= c.strings)) return false;
  if (refs.some((ref) => ref >= c.numbers)) return false;
  // Official enum values are short: a long "value" is unsound without being decoded.
  const enumValue = (code: number) => {
    const index = enums[code - 1]!;
    const [start, end] = [starts[index]!, starts[index + 1]!];
    return end - start > 64 ? '' : String.fromCharCode(...chars.subarray(start, end));
  };
  for (let e = 0; e < c.count; e += 1) {
    const detailsAt = words[e * ENTRY_WORDS]!;
    if (detailsAt !== NONE && detailsAt >= c.details) return false;
    const b = e * ENTRY_BYTES;
    for (let field = 0; field < ALLOWED.length; field += 1) {
      const code = bytes[b + field]!;
      if (code && (code > c.enums || !ALLOWED[field]!.has(enumValue(code)))) return false;
    }
    let present = bytes[b + B_NUMBERS]!;
    if (present >> NUMBER_FIELDS.length) return false;
    let end = words[e * ENTRY_WORDS + 1]!;
    for (; present; present &= present - 1) end += 1;
    if (end > c.refs) return false;
  }
  if (c.slots <= c.count || c.slots & (c.slots - 1)) return false;
  let used = 0;
  for (const slot of slots) {
    if (slot > c.count) return false;
    if (slot) used += 1;
  }
  return used === c.count && metered.every((index) => index < c.count);
}
