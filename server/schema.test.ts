import { describe, expect, it } from 'vitest';
import { buildSchema as buildFromSdl, validate } from 'graphql';
import { loadTypeDefs } from './graphql/schema';
import { SDK_OPERATIONS, sdkOperationDocuments } from './testing/sdkDocuments';

describe('schema', () => {
  const schema = buildFromSdl(loadTypeDefs());
  const docs = sdkOperationDocuments();

  it('finds every operation the official SDK sends in its bundle', () => {
    expect([...docs.keys()]).toEqual([...SDK_OPERATIONS]);
  });

  it.each([...SDK_OPERATIONS])('validates the SDK operation %s', (name) => {
    const errors = validate(schema, docs.get(name)!);
    expect(errors.map((e) => e.message)).toEqual([]);
  });
});
