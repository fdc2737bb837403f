// Fault injection for the API routes (never the control routes): added latency, an error
// status (with optional Retry-After), a failure rate, and dropped connections.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Faults } from './fault-settings';

export type { FaultScope, Faults } from './fault-settings';

export function parseFaults(body: unknown): Faults {
  if (typeof body !== 'object' || body === null) throw new Error('Faults must be a JSON object');
  const b = body as Record<string, unknown>;
  const num = (k: string, min: number, max: number) => {
    const v = b[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) throw new Error(`${k} must be a number in [${min}, ${max}]`);
    return v;
  };
  const scope = b.scope ?? 'all';
  if (scope !== 'all' && scope !== 'edge' && scope !== 'graphql') throw new Error("scope must be 'all', 'edge' or 'graphql'");
  return {
    latencyMs: num('latencyMs', 0, 600_000),
    errorStatus: num('errorStatus', 400, 599),
    failureRate: num('failureRate', 0, 1),
    dropConnections: b.dropConnections === true,
    retryAfterSeconds: num('retryAfterSeconds', 0, 86_400),
    oversizedBodyBytes: num('oversizedBodyBytes', 1, 256 * 1024 * 1024),
    scope,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Applies the faults to a request; true when the request was answered (or dropped) by them. */
export async function applyFaults(faults: Faults, route: 'edge' | 'graphql', req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (faults.scope && faults.scope !== 'all' && faults.scope !== route) return false;
  if (faults.latencyMs) await sleep(faults.latencyMs);
  const failing =
    faults.errorStatus !== undefined || faults.dropConnections || faults.failureRate !== undefined || faults.oversizedBodyBytes !== undefined;
  if (!failing || Math.random() >= (faults.failureRate ?? 1)) return false;
  if (faults.dropConnections) {
    req.socket.destroy();
    return true;
  }
  if (faults.oversizedBodyBytes !== undefined) {
    await junkBody(res, faults.oversizedBodyBytes);
    return true;
  }
  const status = faults.errorStatus ?? 503;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (faults.retryAfterSeconds !== undefined) headers['retry-after'] = String(faults.retryAfterSeconds);
  res.writeHead(status, headers);
  res.end(JSON.stringify({ errors: [{ message: `Injected fault: HTTP ${status}`, extensions: { code: 'InjectedFault' } }] }));
  return true;
}

/** A 200 whose JSON never ends: `bytes` bytes in 64 KiB chunks, without Content-Length, stopping if the client goes away. */
async function junkBody(res: ServerResponse, bytes: number): Promise<void> {
  res.writeHead(200, { 'content-type': 'application/json' });
  const chunk = Buffer.alloc(64 * 1024, 'x');
  let sent = 0;
  res.write('{"junk":"');
  sent += 9;
  while (sent < bytes && !res.destroyed) {
    const part = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
    sent += part.length;
    if (!res.write(part)) await drainedOrClosed(res);
  }
  res.end();
}

function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
