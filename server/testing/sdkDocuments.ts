// The GraphQL documents the official SDK sends, read from its published bundle so the
// tests check the emulator against the real wire operations, not a copy of them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Kind, parse, visit, type DefinitionNode, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';

/** Operations the browser SDK's API modules send, plus the backend call the emulator serves for usage. */
export const SDK_OPERATIONS = [
  'GetSdkConfiguration',
  'GetEntitlements',
  'ReportEntitlementCheckRequested',
  'GetPaywall',
  'GetMockPaywall',
  'GetCustomerById',
  'GetActiveSubscriptions',
  'GetActiveSubscriptionsList',
  'GetSubscription',
  'GetCoupons',
  'GetCustomerPortalByRefId',
  'GetCheckoutState',
  'ApplySubscription',
  'EstimateSubscription',
  'EstimateSubscriptionUpdate',
  'PreviewSubscription',
  'GetUsageHistory',
  'GetUsageHistoryV2',
  'ReportUsage',
] as const;

function bundlePath(): string {
  const require = createRequire(import.meta.url);
  return require.resolve('@stigg/js-client-sdk');
}

/** Every named definition found in the bundle's template literals. */
export function bundledDefinitions(file = bundlePath()): Map<string, DefinitionNode & { name: { value: string } }> {
  const src = readFileSync(file, 'utf8');
  const defs = new Map<string, DefinitionNode & { name: { value: string } }>();
  for (const m of src.matchAll(/\.default`([^`]*)`/g)) {
    const text = (m[1] ?? '').replace(/\$\{[^}]*\}/g, '');
    if (!/^\s*(query|mutation|fragment)\s/.test(text)) continue;
    for (const d of parse(text).definitions) {
      if ((d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION) && d.name) {
        defs.set(d.name.value, d as DefinitionNode & { name: { value: string } });
      }
    }
  }
  return defs;
}

/** A complete document for one operation: the operation plus the fragments it reaches. */
export function operationDocument(name: string, defs = bundledDefinitions()): DocumentNode {
  const op = defs.get(name);
  if (!op || op.kind !== Kind.OPERATION_DEFINITION) throw new Error(`No operation ${name} in the SDK bundle`);
  const fragments = new Map<string, FragmentDefinitionNode>();
  const pending: DefinitionNode[] = [op];
  while (pending.length) {
    visit(pending.pop()!, {
      FragmentSpread(node) {
        const name = node.name.value;
        if (fragments.has(name)) return;
        const frag = defs.get(name);
        if (!frag || frag.kind !== Kind.FRAGMENT_DEFINITION) throw new Error(`Missing fragment ${name}`);
        fragments.set(name, frag);
        pending.push(frag);
      },
    });
  }
  return { kind: Kind.DOCUMENT, definitions: [op as OperationDefinitionNode, ...fragments.values()] };
}

export function sdkOperationDocuments(): Map<string, DocumentNode> {
  const defs = bundledDefinitions();
  return new Map(SDK_OPERATIONS.map((n) => [n, operationDocument(n, defs)]));
}
