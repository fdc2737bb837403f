// A running emulator as tests and benchmarks drive it: its test controls, its request
// log, and usage reported as a backend reports it (with the server key).
import type { Faults } from '../faults';
import { SERVER_KEY } from './client';

export interface EmulatorHandle {
  url: string;
  control(path: string, method?: string, body?: unknown): Promise<unknown>;
  setFaults(faults: Faults): Promise<void>;
  clearFaults(): Promise<void>;
  requestCounts(): Promise<{ total: number; counts: Record<string, number> }>;
  clearRequests(): Promise<void>;
  /** Entitlement requests for a customer since the log was cleared, edge and GraphQL together. */
  entitlementRequests(customerId: string): Promise<number>;
  /** Sets a customer's usage of a feature, as a backend does with the server key. */
  setUsage(customerId: string, featureId: string, value: number): Promise<void>;
}

const REPORT_USAGE = 'mutation ReportUsage($input: ReportUsageInput!) { reportUsage(input: $input) { currentUsage } }';

export function emulatorHandle(url: string): EmulatorHandle {
  const control = async (path: string, method = 'GET', body?: unknown) => {
    const response = await fetch(`${url}/_emulator/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`emulator ${method} ${path}: HTTP ${response.status} ${await response.text()}`);
    return response.status === 204 ? null : response.json();
  };
  const requestCounts = () => control('requests') as Promise<{ total: number; counts: Record<string, number> }>;
  return {
    url,
    control,
    setFaults: async (faults) => void (await control('faults', 'PUT', faults)),
    clearFaults: async () => void (await control('faults', 'DELETE')),
    requestCounts,
    clearRequests: async () => void (await control('requests', 'DELETE')),
    async entitlementRequests(customerId) {
      const { counts } = await requestCounts();
      return (counts[`GET /v1/c/${customerId}/entitlements.json`] ?? 0) + (counts.GetEntitlements ?? 0);
    },
    async setUsage(customerId, featureId, value) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-API-KEY': SERVER_KEY },
        body: JSON.stringify({ query: REPORT_USAGE, variables: { input: { customerId, featureId, value, updateBehavior: 'SET' } } }),
      });
      const body = (await response.json()) as { errors?: { message: string }[] };
      if (!response.ok || body.errors?.length) throw new Error(`reportUsage failed: ${JSON.stringify(body.errors ?? response.status)}`);
    },
  };
}
