import { Client } from '@urql/core';
import { describe, expect, it } from 'vitest';
import { postExchange, type PostJson } from './post-exchange';

const QUERY = 'query GetCoupons($first: Int){coupons(first: $first){refId}}';

function clientPosting(post: PostJson) {
  return new Client({ url: 'https://api.test/graphql', exchanges: [postExchange(post)], requestPolicy: 'network-only' });
}

describe('postExchange', () => {
  it('posts the operation as JSON with the given headers and answers with the data', async () => {
    const sent: [string, RequestInit][] = [];
    const client = clientPosting(async (url, init) => {
      sent.push([url, init]);
      return { data: { coupons: [{ refId: 'c-1' }] } };
    });
    const result = await client.query(QUERY, { first: 2 }, { fetchOptions: { headers: { 'x-api-key': 'key' } } }).toPromise();
    expect(result.data).toEqual({ coupons: [{ refId: 'c-1' }] });
    const [url, init] = sent[0]!;
    expect(url).toBe('https://api.test/graphql');
    expect(init.method).toBe('POST');
    expect(init.headers).toEqual({ 'content-type': 'application/json', 'x-api-key': 'key' });
    const body = JSON.parse(init.body as string) as { query: string };
    expect(body).toEqual({ operationName: 'GetCoupons', query: expect.any(String), variables: { first: 2 } });
    // urql prints the document it parsed: the same query, laid out its own way.
    expect(body.query.replace(/\s+/g, '')).toBe(QUERY.replace(/\s+/g, ''));
  });

  it('gives GraphQL errors, failures and answers that are not GraphQL results as errors', async () => {
    const answers: (() => Promise<unknown>)[] = [
      async () => ({ data: null, errors: [{ message: 'Customer not found' }] }),
      () => Promise.reject(new TypeError('Failed to fetch')),
      async () => ({ unexpected: true }),
    ];
    const client = clientPosting(() => answers.shift()!());
    const errorOf = async () => (await client.mutation('mutation M{m}', {}).toPromise()).error;
    expect((await errorOf())?.graphQLErrors[0]?.message).toBe('Customer not found');
    expect((await errorOf())?.networkError).toEqual(new TypeError('Failed to fetch'));
    expect((await errorOf())?.networkError?.message).toBe('No Content');
  });

  it('aborts the request when nobody waits for its answer any more', async () => {
    let signal: AbortSignal | undefined;
    const client = clientPosting((_url, init) => {
      signal = init.signal ?? undefined;
      return new Promise(() => {});
    });
    const { unsubscribe } = client.query(QUERY, {}).subscribe(() => {});
    await Promise.resolve();
    expect(signal?.aborted).toBe(false);
    unsubscribe();
    expect(signal?.aborted).toBe(true);
  });
});
