// An emulator for one measurement: in-process, on a free port, with its controls.
import { startEmulator } from '../../server/index';
import type { Faults } from '../../server/faults';

export const SERVER_KEY = 'server-demo-key';

export interface BenchEmulator {
  url: string;
  control(path: string, method?: string, body?: unknown): Promise<unknown>;
  setFaults(faults: Faults): Promise<void>;
  clearFaults(): Promise<void>;
  /** Entitlement requests for a customer since the log was last cleared, edge and GraphQL together. */
  entitlementRequests(customerId: string): Promise<number>;
  clearRequests(): Promise<void>;
  /** Sets a customer's usage of a feature, as a backend does with the server key. */
  setUsage(customerId: string, featureId: string, value: number): Promise<void>;
  close(): Promise<void>;
}

const REPORT_USAGE = `mutation ReportUsage($input: ReportUsageInput!) { reportUsage(input: $input) { currentUsage } }`;

export async function benchEmulator(catalogPath?: string): Promise<BenchEmulator> {
  const server = await startEmulator({ port: 0, ...(catalogPath ? { catalogPath } : {}) });
  const { url } = server;
  const control = async (path: string, method = 'GET', body?: unknown) => {
    const response = await fetch(`${url}/_emulator/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`emulator ${method} ${path}: HTTP ${response.status} ${await response.text()}`);
    return response.status === 204 ? null : response.json();
  };
  return {
    url,
    control,
    setFaults: async (faults) => void (await control('faults', 'PUT', faults)),
    clearFaults: async () => void (await control('faults', 'DELETE')),
    async entitlementRequests(customerId) {
      const { counts } = (await control('requests')) as { counts: Record<string, number> };
      return (counts[`GET /v1/c/${customerId}/entitlements.json`] ?? 0) + (counts.GetEntitlements ?? 0);
    },
    clearRequests: async () => void (await control('requests', 'DELETE')),
    async setUsage(customerId, featureId, value) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-API-KEY': SERVER_KEY },
        body: JSON.stringify({ query: REPORT_USAGE, variables: { input: { customerId, featureId, value, updateBehavior: 'SET' } } }),
      });
      const body = (await response.json()) as { errors?: { message: string }[] };
      if (!response.ok || body.errors?.length) throw new Error(`reportUsage failed: ${JSON.stringify(body.errors ?? response.status)}`);
    },
    close: () => server.close(),
  };
}
