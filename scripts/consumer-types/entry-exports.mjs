// The published entry (dist/lib/gatehouse.js, after `npm run build`) exports exactly the
// official package's runtime names, less its Apollo internals, plus `Stigg`: nothing
// internal leaves the package (Stigg's React SDK republishes the entry with `export *`).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const official = Object.keys(require('@stigg/js-client-sdk'));
const published = Object.keys(await import('../../dist/lib/gatehouse.js'));
const isApolloInternal = (name) => /(Document|FragmentDoc)$/.test(name) || name === 'getSdk';
const expected = new Set([...official.filter((name) => !isApolloInternal(name)), 'Stigg']);
const missing = [...expected].filter((name) => !published.includes(name));
const extra = published.filter((name) => !expected.has(name));
if (missing.length || extra.length) {
  console.error(`dist/lib/gatehouse.js: missing ${missing.join(', ') || 'nothing'}; not public: ${extra.join(', ') || 'nothing'}`);
  process.exit(1);
}
console.log(`dist/lib/gatehouse.js exports the ${published.length} public names and nothing else`);

// gatehouse/react: Stigg's React SDK's entitlement names, plus Gatehouse's two hooks.
const reactNames = Object.keys(await import('../../dist/lib/react.js')).sort();
const reactExpected = ['StiggContext', 'StiggProvider', 'useBooleanEntitlement', 'useEntitlementProvenance', 'useMeteredEntitlement', 'useNumericEntitlement', 'useStiggContext', 'useSyncStatus'];
if (JSON.stringify(reactNames) !== JSON.stringify(reactExpected)) {
  console.error(`dist/lib/react.js exports ${reactNames.join(', ')}; expected ${reactExpected.join(', ')}`);
  process.exit(1);
}
console.log(`dist/lib/react.js exports the ${reactNames.length} names of gatehouse/react`);
