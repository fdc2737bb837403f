// A bare page over the engine link, for the engine's end-to-end tests: no page API, no
// UI, just the link, the warm-start reader and a tick. `?emulator=URL` points it at an
// emulator (default http://127.0.0.1:3060).
import { partitionKey } from '../core/partition';
import type { Broadcast, Connection } from '../core/protocol';
import { connectEngine, type EngineLink } from '../src/engine-link';
import { readLocalUsage, readStoredSnapshot } from '../src/engine-link/stored-data';
import { isSnapshotRecord } from '../core/records';
import { entitlementsOf } from '../core/build-table';
import type { SnapshotRecord } from '../core/table';
import type { GatehouseHarness, ReadableBroadcast, ReadableRecord } from './harness-hooks';

const emulator = new URLSearchParams(location.search).get('emulator') ?? 'http://127.0.0.1:3060';
let link: EngineLink | null = null;
const broadcasts: ReadableBroadcast[] = [];

function readable(record: SnapshotRecord): ReadableRecord {
  const entitlements = Object.fromEntries([...entitlementsOf(record.snapshot).all()].map((e) => [e.featureId, e]));
  return { ...record, snapshot: { lastUpdate: record.snapshot.lastUpdate, entitlements } };
}

function readableReply(reply: unknown): ReadableRecord {
  if (!isSnapshotRecord(reply)) throw new Error('the engine did not answer with a snapshot record');
  return readable(reply);
}

function readableBroadcast(broadcast: Broadcast): ReadableBroadcast {
  return broadcast.type === 'snapshot' ? { ...broadcast, record: readable(broadcast.record) } : broadcast;
}

function connection(customerId: string): Connection {
  return { apiKey: 'client-demo-key', customerId, baseUri: emulator, baseEdgeUri: emulator, enableEdge: true };
}

function engine(): EngineLink {
  if (!link) throw new Error('call connect() first');
  return link;
}

const harness: GatehouseHarness = {
  async connect(host = 'auto') {
    link = await connectEngine({ host });
    document.querySelector('#host')!.textContent = `Engine host: ${link.host}`;
    addEventListener('online', () => void harness.relayConnectivity());
    addEventListener('offline', () => void harness.relayConnectivity());
    await harness.relayConnectivity();
    return link.host;
  },
  connection,
  partitionKey: (customerId) => partitionKey(connection(customerId)),
  request: (body) => engine().request(body),
  sync: async (customerId, { ttlMs = 30_000, force = false } = {}) =>
    readableReply(await engine().request({ type: 'sync', connection: connection(customerId), ttlMs, force })),
  track: (customerId, reports) => engine().request({ type: 'track', connection: connection(customerId), reports }),
  status: () => engine().request({ type: 'status' }) as ReturnType<GatehouseHarness['status']>,
  async relayConnectivity() {
    await engine().request({ type: 'connectivity', online: navigator.onLine });
  },
  startTicking(customerId, ttlMs, everyMs) {
    const tick = () => harness.sync(customerId, { ttlMs }).catch((error: unknown) => console.warn('tick failed', error));
    void tick();
    setInterval(tick, everyMs);
  },
  listen(customerId) {
    engine().subscribe(partitionKey(connection(customerId)), (broadcast) => broadcasts.push(readableBroadcast(broadcast)));
  },
  broadcasts,
  readStoredSnapshot: async (customerId) => {
    const record = await readStoredSnapshot(partitionKey(connection(customerId)));
    return record && readable(record);
  },
  readLocalUsage: (customerId) => readLocalUsage(partitionKey(connection(customerId))),
};

window.gatehouseHarness = harness;
