// Binary data compares by content: Vitest's toEqual finds any two ArrayBuffers equal,
// which would let a test pass on packed entitlements that differ.
import { expect } from 'vitest';

const bytesOf = (value: unknown) => (value instanceof ArrayBuffer ? new Uint8Array(value) : null);

expect.addEqualityTesters([
  (a, b) => {
    const [x, y] = [bytesOf(a), bytesOf(b)];
    if (!x || !y) return undefined;
    return x.length === y.length && x.every((byte, i) => byte === y[i]);
  },
]);
