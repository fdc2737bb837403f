// The fault settings of `PUT /_emulator/faults`, apart from the server code so browser
// code (the demo's fault controls) can use the same type.

export type FaultScope = 'all' | 'edge' | 'graphql';

export interface Faults {
  latencyMs?: number;
  errorStatus?: number;
  /** Probability in [0, 1] that a request fails; 1 when only errorStatus, dropConnections or oversizedBodyBytes is set. */
  failureRate?: number;
  dropConnections?: boolean;
  retryAfterSeconds?: number;
  /** Answers HTTP 200 with a junk body of this many bytes, streamed without Content-Length. */
  oversizedBodyBytes?: number;
  scope?: FaultScope;
}
