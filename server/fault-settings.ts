// The fault settings of `PUT /_emulator/faults`, apart from the server code so browser
// code (the demo's fault controls) can use the same type.

export type FaultScope = 'all' | 'edge' | 'graphql';

export interface Faults {
  latencyMs?: number;
  errorStatus?: number;
  /** Probability in [0, 1] that a request fails; 1 when only errorStatus or dropConnections is set. */
  failureRate?: number;
  dropConnections?: boolean;
  retryAfterSeconds?: number;
  scope?: FaultScope;
}
