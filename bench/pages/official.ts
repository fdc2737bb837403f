// The official SDK from its own UMD bundle (official-sdk.js, a classic script before this
// one). The page registers the same service worker as the Gatehouse page, for the app
// shell only (its API calls are cross-origin and pass through), so it loads offline too.
import { benchConfiguration, installProbe, readParams, type BenchClient } from './probe';

/** The UMD bundle's global (not declared on Window: the e2e specs declare it their own way). */
const { Stigg } = window as unknown as { Stigg: { default: { initialize(config: Record<string, unknown>): BenchClient } } };

const params = readParams();
const client = Stigg.default.initialize(benchConfiguration(params));
installProbe('official', params, client);
void navigator.serviceWorker?.register('/sw.js').catch(() => undefined);
