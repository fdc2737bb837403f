// The app whose page is measured: the usage guide's first example, importing the package
// as published. Built against dist/lib with Vite's defaults (bench/size/measure.ts).
import Stigg from 'gatehouse';

const stigg = Stigg.initialize({ apiKey: 'client-key', customerId: 'customer-1' });
await stigg.waitForInitialization();
console.log(stigg.getMeteredEntitlement({ featureId: 'feature-1', options: { requestedUsage: 1 } }).hasAccess);
