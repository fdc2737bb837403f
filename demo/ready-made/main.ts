// A bare app on the package as published: `gatehouse` is the built dist/lib (the demo
// build points the name there) and the service worker is the ready-made `gatehouse/sw.js`
// (copied to /ready-made/sw.js by the demo build), as an app without its own worker uses it.
// `?customerId=...&emulator=URL&host=auto` choose the customer, the emulator and the host.
import Stigg from 'gatehouse';
import type {} from '../globals';

const params = new URLSearchParams(location.search);
const emulator = params.get('emulator') ?? 'http://127.0.0.1:3060';
window.stigg = Stigg.initialize({
  apiKey: 'client-demo-key',
  baseUri: emulator,
  baseEdgeUri: emulator,
  customerId: params.get('customerId') ?? 'customer-demo-01',
  // `?host=auto` lets the page fall back to running the engine itself (service workers blocked).
  host: params.get('host') === 'auto' ? 'auto' : 'service-worker',
  serviceWorkerUrl: '/ready-made/sw.js',
});
// The package's entry, so end-to-end tests can make clients of their own (a logger, bounds).
window.Gatehouse = Stigg;
