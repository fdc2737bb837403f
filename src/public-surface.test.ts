// The entry's public surface against the official package's: every runtime value it
// exports (enums, fallback constants, classes) exists here with the same value, every
// type name of its declarations is exported here, and nothing internal leaves the entry.
import { createRequire } from 'node:module';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as gatehouse from './index';

const require = createRequire(import.meta.url);
const official = require('@stigg/js-client-sdk') as Record<string, unknown>;
/** Apollo's operation documents and the generated request client: internals of the official's transport. */
const isApolloInternal = (name: string) => /(Document|FragmentDoc)$/.test(name) || ['getSdk', 'Sdk', 'SdkFunctionWrapper'].includes(name);
/** Gatehouse's runtime additions to the official's names. */
const ADDITIONS = ['Stigg'];

describe('runtime exports', () => {
  const officialNames = Object.keys(official).filter((name) => !isApolloInternal(name));

  it('has every runtime name of the official package but its Apollo internals', () => {
    expect(officialNames.length).toBeGreaterThan(110);
    expect(officialNames.filter((name) => !(name in gatehouse))).toEqual([]);
  });

  it('gives every enum and constant the official value', () => {
    const plainObjects = officialNames.filter((name) => typeof official[name] === 'object');
    expect(plainObjects.length).toBeGreaterThan(110);
    for (const name of plainObjects) expect({ [name]: (gatehouse as Record<string, unknown>)[name] }).toEqual({ [name]: official[name] });
  });

  it('exports nothing else', () => {
    const extra = Object.keys(gatehouse).filter((name) => !(name in official) && !ADDITIONS.includes(name));
    expect(extra).toEqual([]);
  });

  it('makes OfflineStigg and the default export clients with the official calls', () => {
    const { OfflineStigg } = gatehouse;
    const client = OfflineStigg.initialize({ apiKey: 'client-demo-key', customerId: 'customer-demo-01' });
    expect(client.getBooleanEntitlement({ featureId: 'feature-demo-02' })).toEqual({
      hasAccess: false,
      isFallback: true,
      accessDeniedReason: 'Unknown',
    });
    expect(typeof gatehouse.default.initialize).toBe('function');
  });
});

describe('type exports', () => {
  const program = ts.createProgram(
    [require.resolve('@stigg/js-client-sdk/dist/index.d.ts'), new URL('./index.ts', import.meta.url).pathname],
    { strict: true, skipLibCheck: true, noEmit: true, moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  );
  const checker = program.getTypeChecker();
  const exportsOf = (file: string) => {
    const source = program.getSourceFile(file)!;
    return checker.getExportsOfModule(checker.getSymbolAtLocation(source)!).map((symbol) => symbol.name);
  };

  it('exports every name of the official declarations but its Apollo internals', () => {
    const officialNames = exportsOf(require.resolve('@stigg/js-client-sdk/dist/index.d.ts')).filter((name) => !isApolloInternal(name));
    const ours = new Set(exportsOf(new URL('./index.ts', import.meta.url).pathname));
    expect(officialNames.length).toBeGreaterThan(600);
    expect(officialNames.filter((name) => !ours.has(name))).toEqual([]);
  });
});
