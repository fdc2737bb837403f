// The README's "Using it", in a brand-new app. The emulator's origin is the test's (set
// before the page's scripts run); an app writes its own API origin there.
import Stigg from 'gatehouse';
import './style.css';

const emulator = (window as unknown as { FRESH_APP_EMULATOR: string }).FRESH_APP_EMULATOR;
const logs: string[] = [];
const stigg = Stigg.initialize({
  apiKey: 'client-demo-key',
  customerId: 'customer-demo-01',
  baseUri: emulator,
  baseEdgeUri: emulator,
  logConfiguration: { logger: { log: (message) => logs.push(message), error: (message) => logs.push(message) } },
});
Object.assign(window, { app: { stigg, logs } });
document.querySelector('#route')!.textContent = location.pathname + location.search;
