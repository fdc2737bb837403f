// Test helpers: GraphQL and control calls against a running emulator.
import { print } from 'graphql';
import { sdkOperationDocuments } from './sdkDocuments';

export const CLIENT_KEY = 'client-demo-key';
export const SERVER_KEY = 'server-demo-key';

let documents: ReturnType<typeof sdkOperationDocuments> | undefined;

export interface GqlResult<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export async function gql<T = any>(url: string, query: string, variables: Record<string, unknown> = {}, key = CLIENT_KEY): Promise<GqlResult<T>> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-API-KEY': key },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, ...((await res.json()) as object) };
}

/** Runs one of the official SDK's own operation documents. */
export function sdkOp<T = any>(url: string, name: string, variables: Record<string, unknown>, key = CLIENT_KEY): Promise<GqlResult<T>> {
  documents ??= sdkOperationDocuments();
  const doc = documents.get(name as never);
  if (!doc) throw new Error(`Unknown SDK operation ${name}`);
  return gql<T>(url, print(doc), variables, key);
}

export async function control(url: string, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${url}/_emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 204) return null;
  return res.json();
}

export function reportUsage(url: string, input: Record<string, unknown>, key = SERVER_KEY) {
  return sdkOp(url, 'ReportUsage', { input }, key);
}
