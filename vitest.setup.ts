// Binary data compares by content: Vitest's toEqual finds any two ArrayBuffers equal,
// which would let a test pass on packed entitlements that differ.
import { expect } from 'vitest';
import { samePack } from './core/same-pack';

expect.addEqualityTesters([(a, b) => (a instanceof ArrayBuffer && b instanceof ArrayBuffer ? samePack(a, b) : undefined)]);
