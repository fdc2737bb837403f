import { describe, expect, it } from 'vitest';
import { readDemoConfig, servedEmulatorUrl, urlForContext, urlWithCheckoutResult, urlWithoutCheckoutResult } from './config';

const page = { protocol: 'http:', hostname: '127.0.0.1' };

describe('readDemoConfig', () => {
  it('defaults to the demo customer and the emulator on port 3060 of the page host', () => {
    expect(readDemoConfig('', page)).toEqual({
      customerId: 'customer-demo-01',
      resourceId: undefined,
      cacheTtlMs: undefined,
      emulatorUrl: 'http://127.0.0.1:3060',
    });
    expect(readDemoConfig('', { protocol: 'http:', hostname: 'localhost' }).emulatorUrl).toBe('http://localhost:3060');
    expect(readDemoConfig('', { protocol: 'http:', hostname: '::1' }).emulatorUrl).toBe('http://[::1]:3060');
  });

  it('uses the emulator npm start serves when the query names none; the query wins', () => {
    expect(readDemoConfig('', page, 'http://127.0.0.1:4000').emulatorUrl).toBe('http://127.0.0.1:4000');
    expect(readDemoConfig('?emulator=http://127.0.0.1:5000', page, 'http://127.0.0.1:4000').emulatorUrl).toBe('http://127.0.0.1:5000');
    expect(servedEmulatorUrl({ url: 'http://127.0.0.1:4000' })).toBe('http://127.0.0.1:4000');
    expect(servedEmulatorUrl({ url: 'javascript:alert(1)' })).toBeNull();
    expect(servedEmulatorUrl('http://127.0.0.1:4000')).toBeNull();
  });

  it('reads customerId, resourceId, cacheTtlMs and emulator from the query', () => {
    expect(
      readDemoConfig('?customerId=customer-demo-02&resourceId=resource-01&cacheTtlMs=5000&emulator=http://127.0.0.1:4000/', page),
    ).toEqual({
      customerId: 'customer-demo-02',
      resourceId: 'resource-01',
      cacheTtlMs: 5000,
      emulatorUrl: 'http://127.0.0.1:4000',
    });
  });

  it('ignores invalid values', () => {
    const config = readDemoConfig('?customerId=%20&cacheTtlMs=-3&emulator=javascript:alert(1)', page);
    expect(config.customerId).toBe('customer-demo-01');
    expect(config.cacheTtlMs).toBeUndefined();
    expect(config.emulatorUrl).toBe('http://127.0.0.1:3060');
    expect(readDemoConfig('?cacheTtlMs=abc&emulator=not a url', page)).toMatchObject({ cacheTtlMs: undefined, emulatorUrl: 'http://127.0.0.1:3060' });
  });
});

describe('page URLs', () => {
  const base = 'http://127.0.0.1:4173/?emulator=http%3A%2F%2F127.0.0.1%3A4000&customerId=customer-demo-01';

  it('switches customer and resource, keeping the other parameters and dropping a checkout result', () => {
    const url = new URL(urlForContext(`${base}&resourceId=resource-01&checkoutCompleted=true&subscriptionId=s1`, 'customer-demo-02', undefined));
    expect(url.searchParams.get('customerId')).toBe('customer-demo-02');
    expect(url.searchParams.has('resourceId')).toBe(false);
    expect(url.searchParams.has('checkoutCompleted')).toBe(false);
    expect(url.searchParams.get('emulator')).toBe('http://127.0.0.1:4000');
  });

  it('merges a checkout redirect query and removes it again', () => {
    const withResult = urlWithCheckoutResult(base, '?checkoutCompleted=true&subscriptionId=sub-1');
    const params = new URL(withResult).searchParams;
    expect(params.get('checkoutCompleted')).toBe('true');
    expect(params.get('subscriptionId')).toBe('sub-1');
    expect(params.get('customerId')).toBe('customer-demo-01');
    expect(urlWithoutCheckoutResult(withResult)).toBe(base);
  });
});
