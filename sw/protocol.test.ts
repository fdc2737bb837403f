import { describe, expect, it } from 'vitest';
import { isPongMessage, parsePageMessage } from './protocol';

describe('sw/protocol', () => {
  it('accepts a ping, dropping extra fields', () => {
    expect(parsePageMessage({ type: 'gatehouse:ping', extra: 1 })).toEqual({ type: 'gatehouse:ping' });
  });

  it.each([null, undefined, 'gatehouse:ping', 42, [], {}, { type: 'gatehouse:pong' }, { type: 'other' }])(
    'drops %j',
    (data) => {
      expect(parsePageMessage(data)).toBeNull();
    },
  );

  it('accepts a list of asset URLs to cache, and drops one that is not a short list of strings', () => {
    expect(parsePageMessage({ type: 'gatehouse:cache-assets', urls: ['/a.js'], extra: 1 })).toEqual({ type: 'gatehouse:cache-assets', urls: ['/a.js'] });
    expect(parsePageMessage({ type: 'gatehouse:cache-assets', urls: '/a.js' })).toBeNull();
    expect(parsePageMessage({ type: 'gatehouse:cache-assets', urls: [1] })).toBeNull();
    expect(parsePageMessage({ type: 'gatehouse:cache-assets', urls: Array.from({ length: 501 }, () => '/a.js') })).toBeNull();
  });

  it('recognises a pong only with a string version', () => {
    expect(isPongMessage({ type: 'gatehouse:pong', version: '0.1.0' })).toBe(true);
    expect(isPongMessage({ type: 'gatehouse:pong' })).toBe(false);
    expect(isPongMessage({ type: 'gatehouse:ping', version: '0.1.0' })).toBe(false);
    expect(isPongMessage(null)).toBe(false);
  });
});
