// The bounds of the timing fields: a value outside is clamped to the nearest bound with a
// warning naming the field. Below the floors a tab floods the API (cacheTtlMs: 1) or
// gives up before any answer can arrive; above the ceilings timers overflow (2^31 ms).
// README's configuration table lists these bounds.

const SECOND = 1_000;
const DAY = 86_400_000;

export const CONFIG_BOUNDS = {
  cacheTtlMs: { floor: SECOND, ceiling: DAY },
  initTimeoutMs: { floor: 10, ceiling: 10 * 60 * SECOND },
  cacheMaxAgeMs: { floor: 0, ceiling: 365 * DAY },
} as const;

export type BoundedField = keyof typeof CONFIG_BOUNDS;

/** `value` within the field's bounds; a warning is added to `warnings` when it was not. */
export function withinBounds(field: BoundedField, value: number, warnings: string[]): number {
  const { floor, ceiling } = CONFIG_BOUNDS[field];
  const clamped = Math.min(ceiling, Math.max(floor, value));
  // ASCII only (no en dash): one character outside Latin-1 makes V8 keep the whole
  // bundle's source two bytes a character (bench/size.ts checks the built files).
  if (clamped !== value) warnings.push(`Configuration field "${field}" is ${value}, outside ${floor} to ${ceiling} ms: ${clamped} is used`);
  return clamped;
}
