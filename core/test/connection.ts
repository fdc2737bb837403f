import type { Connection } from '../protocol';

/** The demo customer of the local emulator, as the protocol tests connect to it. */
export const demoConnection: Connection = {
  apiKey: 'client-demo-key',
  customerId: 'customer-demo-01',
  baseUri: 'http://localhost:3060',
  baseEdgeUri: 'http://localhost:3060',
  enableEdge: true,
};
