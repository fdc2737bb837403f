// The Gatehouse demo dashboard: Gatehouse used the way a real app uses it, against the
// demo customer of the local emulator. Plain TypeScript and DOM; each panel is a small
// module under ./dashboard.
import Stigg, { type ClientConfiguration } from 'gatehouse';
import type {} from './globals';
import { AccountView } from './dashboard/account';
import { Activity } from './dashboard/activity';
import { cardView, type AnyEntitlement } from './dashboard/card-model';
import { CardList } from './dashboard/cards';
import { CheckoutFlow } from './dashboard/checkout';
import { CLIENT_KEY, DEMO_EMULATOR_PATH, readDemoConfig, servedEmulatorUrl, urlForContext } from './dashboard/config';
import { CustomerSwitcher, type CustomerContext } from './dashboard/customer-switcher';
import { byId, messageOf, setText } from './dashboard/dom';
import { EmulatorApi } from './dashboard/emulator';
import { EmulatorControls } from './dashboard/emulator-controls';
import { EstimateForm } from './dashboard/estimate';
import { APP_FEATURES, ENTITLEMENTS_FALLBACK, type AppFeature } from './dashboard/features';
import { PaywallView } from './dashboard/paywall';
import { showServiceWorkerStatus, StatusIndicator } from './dashboard/status';
import { connectServiceWorker, installSmokeHooks } from './smoke';

const config = readDemoConfig(location.search, location, await servedEmulator());
let context: CustomerContext = { customerId: config.customerId, resourceId: config.resourceId };
const activity = new Activity();
const emulator = new EmulatorApi(config.emulatorUrl);

/**
 * The emulator `npm start` started, whatever its port: it serves DEMO_EMULATOR_PATH next to
 * the dashboard. Remembered for offline reloads (the same API origin finds the same stored data).
 */
async function servedEmulator(): Promise<string | null> {
  if (new URLSearchParams(location.search).has('emulator')) return null;
  const key = 'gatehouse-demo:emulator';
  const served = await fetch(DEMO_EMULATOR_PATH, { cache: 'no-store' })
    .then((response) => (response.ok ? response.json() : null))
    .then(servedEmulatorUrl, () => undefined);
  if (served === undefined) return localStorage.getItem(key);
  if (served === null) localStorage.removeItem(key);
  else localStorage.setItem(key, served);
  return served;
}

// ── The client, as an app creates it ────────────────────────────────────────
const configuration: ClientConfiguration = {
  apiKey: CLIENT_KEY,
  baseUri: config.emulatorUrl,
  baseEdgeUri: config.emulatorUrl,
  customerId: config.customerId,
  entitlementsFallback: ENTITLEMENTS_FALLBACK,
  logConfiguration: { logger: activity.logger() },
};
if (config.resourceId) configuration.resourceId = config.resourceId;
if (config.cacheTtlMs) configuration.cacheTtlMs = config.cacheTtlMs;
const stigg = Stigg.initialize(configuration);
window.stigg = stigg;

// ── The service worker line (and the smoke test's hooks) ────────────────────
const swReady = connectServiceWorker();
installSmokeHooks(swReady);
swReady.then(
  (pong) => showServiceWorkerStatus(`Gatehouse ${pong.version}: the service worker controls this page.`),
  (error: unknown) => showServiceWorkerStatus(`No service worker: ${messageOf(error)}`),
);

// ── Feature cards ───────────────────────────────────────────────────────────
const withResource = <T extends object>(params: T) => (context.resourceId ? { ...params, resourceId: context.resourceId } : params);

function answerFor(feature: AppFeature): AnyEntitlement {
  const params = withResource({ featureId: feature.id });
  if (feature.kind === 'boolean') return stigg.getBooleanEntitlement(params);
  if (feature.kind === 'numeric') return stigg.getNumericEntitlement(params);
  // "May I use one more?": the question the app asks before the user acts.
  return stigg.getMeteredEntitlement({ ...params, options: { requestedUsage: 1 } });
}

function displayName(featureId: string): string {
  return byId('cards').querySelector(`[data-feature-id="${featureId}"] h3`)?.textContent || featureId;
}

const cards = new CardList(byId('cards'), {
  async useLocally(featureId) {
    try {
      await stigg.recordUsage(withResource({ featureId, value: 1 }));
      renderCards();
      activity.announce(`Used 1 of ${displayName(featureId)} on this device.`, 'good');
    } catch (error) {
      activity.announce(`Not recorded: ${messageOf(error)}`, 'bad');
    }
  },
  async reportFromBackend(featureId) {
    try {
      const usage = await emulator.reportUsage(withResource({ customerId: context.customerId, featureId, value: 1 }));
      await stigg.refresh();
      renderCards();
      activity.announce(`The backend reported 1 of ${displayName(featureId)}: the server now counts ${usage}.`, 'good');
    } catch (error) {
      activity.announce(`The backend could not report usage: ${messageOf(error)}`, 'bad');
    }
  },
});

function isConnected(): boolean {
  const sync = stigg.getSyncStatus();
  return navigator.onLine && (!sync || (sync.online && sync.state !== 'offline' && sync.state !== 'degraded' && !sync.circuitOpen));
}

function renderCards(): void {
  const connected = isConnected();
  const views = APP_FEATURES.map((feature) =>
    cardView(feature, answerFor(feature), stigg.getEntitlementProvenance(withResource({ featureId: feature.id })), { connected }),
  );
  cards.render(views, navigator.onLine);
}

// ── Connectivity and sync ───────────────────────────────────────────────────
const status = new StatusIndicator((change) => activity.add(change));
const renderStatus = () => {
  const fetched = APP_FEATURES.map((f) => stigg.getEntitlementProvenance(withResource({ featureId: f.id })).fetchedAt ?? 0);
  status.render(stigg.getSyncStatus(), navigator.onLine, Math.max(0, ...fetched));
};

function renderAll(): void {
  renderCards();
  renderStatus();
}

stigg.addListener('entitlementsUpdated', renderCards);
stigg.addListener('statusChanged', renderStatus);
addEventListener('online', () => {
  renderAll();
  void loadPanels();
});
addEventListener('offline', renderAll);
byId('cards').addEventListener('card-action-done', renderCards);
setInterval(renderAll, 1_000);

// ── Panels: customer, paywall, checkout, account, estimate, emulator ────────
const account = new AccountView(stigg);
const estimate = new EstimateForm(stigg, () => context.customerId);
const checkout = new CheckoutFlow({
  stigg,
  emulator,
  activity,
  context: () => context,
  onCompleted: () => {
    renderCards();
    void loadPanels();
  },
});
const paywall = new PaywallView(stigg, (planId, period) => void checkout.start(planId, period));
const controls = new EmulatorControls(emulator, activity, () => {
  void stigg.refresh().catch(() => undefined);
});

async function loadCustomerSummary(): Promise<void> {
  const summary = byId('customer-summary');
  const resource = context.resourceId ? `, resource ${context.resourceId}` : '';
  try {
    const customer = (await stigg.getCustomer()) as unknown as { name?: string; email?: string; subscriptions?: { plan?: { displayName?: string } }[] };
    const plans = (customer.subscriptions ?? []).map((s) => s.plan?.displayName).filter(Boolean);
    setText(summary, `${customer.name ?? context.customerId} (${context.customerId}${resource})${customer.email ? ` · ${customer.email}` : ''} · ${plans.length ? `on ${plans.join(', ')}` : 'no subscription'}`);
  } catch {
    setText(summary, `${context.customerId}${resource}: customer details need the network.`);
  }
}

async function loadPanels(): Promise<void> {
  await Promise.all([loadCustomerSummary(), paywall.load().then(() => estimate.setPlans(paywall.plans)), account.load(), controls.load()]);
}

new CustomerSwitcher(context, async (next) => {
  context = next;
  history.replaceState(history.state, '', urlForContext(location.href, next.customerId, next.resourceId));
  setText(byId('customer-summary'), `Loading ${next.customerId}…`);
  await stigg.setCustomerId(next.customerId, null, next.resourceId ?? null);
  renderAll();
  checkout.idle();
  activity.announce(`Switched to ${next.customerId}${next.resourceId ? ` (${next.resourceId})` : ''}.`);
  await loadPanels();
});

byId('refresh-button').addEventListener('click', () => {
  stigg.refresh().then(
    () => activity.announce('Entitlements refreshed.', 'good'),
    (error: unknown) => activity.announce(`Refresh failed: ${messageOf(error)}`, 'bad'),
  );
});

// ── Start ───────────────────────────────────────────────────────────────────
renderAll();
stigg.waitForInitialization().then(
  () => {
    byId('init-error').hidden = true;
    renderAll();
  },
  (error: unknown) => {
    const notice = byId('init-error');
    notice.textContent = `Entitlements could not be loaded (${messageOf(error)}). Cards show the configured fallbacks until they can.`;
    notice.hidden = false;
    renderAll();
  },
).finally(() => {
  void loadPanels();
  void checkout.resumeFromRedirect();
});
