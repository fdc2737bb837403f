// The demo's calls to the emulator that are not the SDK's: what an app's backend does
// (report usage with the server key) and the emulator's test controls (faults, reset,
// hosted checkout). In a real app the first lives on a server; the demo plays it.
import type { Faults } from '../../server/fault-settings';
import { SERVER_KEY } from './config';

export type { Faults };

export interface CheckoutRequest {
  customerId: string;
  planId: string;
  billingPeriod?: string;
  resourceId?: string;
  billableFeatures?: { featureId: string; quantity: number }[];
  delayMs?: number;
}

export interface CheckoutCreated {
  subscriptionId: string;
  completesAt: string;
  successUrlQuery: string;
}

const REPORT_USAGE = `mutation ReportUsage($input: ReportUsageInput!) {
  reportUsage(input: $input) { id featureId customerId resourceId currentUsage }
}`;

export class EmulatorApi {
  constructor(readonly url: string) {}

  private async send<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.url}${path}`, {
        method,
        headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new Error(`the emulator at ${this.url} cannot be reached`);
    }
    const text = await response.text();
    const json: unknown = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const message = (json as { error?: string; errors?: { message: string }[] } | null)?.error ?? (json as { errors?: { message: string }[] })?.errors?.[0]?.message;
      throw new Error(`${method} ${path} answered ${response.status}${message ? `: ${message}` : ''}`);
    }
    return json as T;
  }

  /** What an app's backend does after the work is done: report the usage with the server key. */
  async reportUsage(input: { customerId: string; featureId: string; value: number; resourceId?: string }): Promise<number> {
    const result = await this.send<{ data?: { reportUsage?: { currentUsage: number } }; errors?: { message: string }[] }>(
      'POST',
      '/graphql',
      { query: REPORT_USAGE, variables: { input }, operationName: 'ReportUsage' },
      { 'X-API-KEY': SERVER_KEY },
    );
    if (result.errors?.length) throw new Error(result.errors[0]!.message);
    return result.data?.reportUsage?.currentUsage ?? 0;
  }

  getFaults(): Promise<Faults> {
    return this.send('GET', '/_emulator/faults');
  }
  setFaults(faults: Faults): Promise<Faults> {
    return this.send('PUT', '/_emulator/faults', faults);
  }
  async clearFaults(): Promise<void> {
    await this.send('DELETE', '/_emulator/faults');
  }
  async reset(): Promise<void> {
    await this.send('POST', '/_emulator/reset');
  }
  /** Plays the hosted checkout page: the subscription activates `delayMs` later. */
  createCheckout(request: CheckoutRequest): Promise<CheckoutCreated> {
    return this.send('POST', '/_emulator/checkouts', request);
  }
}

/** A one-line description of the active faults. */
export function describeFaults(faults: Faults): string {
  const parts: string[] = [];
  if (faults.latencyMs) parts.push(`${faults.latencyMs} ms latency`);
  if (faults.dropConnections) parts.push('connections dropped');
  else if (faults.errorStatus) parts.push(`HTTP ${faults.errorStatus}`);
  else if (faults.failureRate) parts.push('HTTP 503');
  if ((faults.errorStatus || faults.dropConnections || faults.failureRate) && faults.failureRate !== undefined && faults.failureRate < 1) {
    parts.push(`on ${Math.round(faults.failureRate * 100)}% of requests`);
  }
  if (faults.retryAfterSeconds) parts.push(`Retry-After ${faults.retryAfterSeconds} s`);
  if (parts.length === 0) return 'No faults: the emulator answers normally.';
  return `${parts.join(', ')}${faults.scope && faults.scope !== 'all' ? ` (${faults.scope} only)` : ''}.`;
}
