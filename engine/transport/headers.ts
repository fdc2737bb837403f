// The headers of every request to the Stigg API, as the official SDK sends them.
import type { Connection } from '../../core/protocol';

export type Caller = Pick<Connection, 'apiKey' | 'customerToken' | 'clientName' | 'clientVersion'>;

/** A GraphQL operation's headers also name it (for routing) and the client; the edge GET's do not. */
export function stiggHeaders(caller: Caller, operationName?: string): Record<string, string> {
  const headers: Record<string, string> = { 'x-api-key': caller.apiKey, source: 'JS_CLIENT_SDK' };
  if (caller.customerToken) headers['x-customer-key'] = caller.customerToken;
  if (operationName) {
    headers['content-type'] = 'application/json';
    headers['x-graphql-operation-name'] = operationName;
    if (caller.clientName) headers['apollographql-client-name'] = caller.clientName;
    if (caller.clientVersion) headers['apollographql-client-version'] = caller.clientVersion;
  }
  return headers;
}
