/** Whether two packed buffers (core/packed-entitlements.ts) hold the same bytes: equal content packed in the same order. */
export function samePack(a: ArrayBuffer, b: ArrayBuffer): boolean {
  if (a === b) return true;
  if (a.byteLength !== b.byteLength) return false;
  const wordy = a.byteLength % 4 === 0;
  const x = wordy ? new Uint32Array(a) : new Uint8Array(a);
  const y = wordy ? new Uint32Array(b) : new Uint8Array(b);
  for (let i = 0; i < x.length; i += 1) if (x[i] !== y[i]) return false;
  return true;
}
