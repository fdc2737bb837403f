import { expose } from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { feature03, guideEntitlements } from '../core/test/wire-fixtures';
import type { DecisionTable, SnapshotRecord } from '../core/table';
import { toSnapshot } from '../core/wire';
import { entitlementsOf } from '../core/build-table';
import { isMeteredFeature } from '../core/decide';
import { createMeteringApi, type MeteringApi } from '../worker/metering-api';
import { MeteringEvaluator } from '../worker/evaluator';
import { Evaluation } from './evaluation';
import { MeteringWorkerLink } from './worker-evaluation';
import { entitlementMap, tableMap } from '../core/test/packed';

const SEPT_30 = Date.parse('2022-09-30T23:00:00.000Z');
const OCT_1 = Date.parse('2022-10-01T00:00:00.000Z');

/** The metering worker's API in this process, behind a MessageChannel as a real worker is. */
class InProcessWorker extends EventTarget {
  static api: MeteringApi;
  static created = 0;
  private readonly port: MessagePort;
  constructor() {
    super();
    InProcessWorker.created += 1;
    const { port1, port2 } = new MessageChannel();
    InProcessWorker.api = createMeteringApi();
    expose(InProcessWorker.api, port2);
    this.port = port1;
  }
  postMessage(message: unknown, transfer: Transferable[] = []): void {
    this.port.postMessage(message, transfer);
  }
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null): void {
    if (type === 'message' && listener) this.port.addEventListener(type, listener);
    else super.addEventListener(type, listener);
    this.port.start();
  }
  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null): void {
    if (type === 'message' && listener) this.port.removeEventListener(type, listener);
    else super.removeEventListener(type, listener);
  }
  terminate(): void {
    this.port.close();
  }
}

const recordOf = (fetchedAt: number, currentUsage = 2): SnapshotRecord => ({
  partitionKey: 'p',
  snapshot: toSnapshot([...guideEntitlements.filter((e) => e !== feature03), { ...feature03, currentUsage }], 0),
  fetchedAt,
});
const inputsOf = (record: SnapshotRecord) => ({ record, localUsage: [], cacheMaxAgeMs: 90 * 86_400_000, origin: 'network' as const });

/** A worker whose script never loads (a 404, a CSP refusal): it only fires `error`. */
class UnloadableWorker extends EventTarget {
  static created: UnloadableWorker[] = [];
  terminated = false;
  constructor() {
    super();
    UnloadableWorker.created.push(this);
    setTimeout(() => this.dispatchEvent(new Event('error')), 5);
  }
  postMessage(): void {}
  start(): void {}
  terminate(): void {
    this.terminated = true;
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  UnloadableWorker.created = [];
  InProcessWorker.created = 0;
});

describe('MeteringWorkerLink.moveEvaluation', () => {
  it('keeps evaluation on the page, and ends the worker, when its script fails to load', async () => {
    vi.stubGlobal('Worker', UnloadableWorker);
    const evaluation = new Evaluation();
    expect(await new MeteringWorkerLink().moveEvaluation(evaluation)).toBe(false);
    expect(evaluation.where).toBe('page');
    expect(UnloadableWorker.created.map((worker) => worker.terminated)).toEqual([true]);
  });

  it('keeps evaluation on the page when no worker may be created', async () => {
    vi.stubGlobal(
      'Worker',
      class {
        constructor() {
          throw new DOMException('refused by the content security policy', 'SecurityError');
        }
      },
    );
    const evaluation = new Evaluation();
    expect(await new MeteringWorkerLink().moveEvaluation(evaluation)).toBe(false);
    expect(evaluation.where).toBe('page');
  });

  it('gets the same tables from the worker, on the page’s own packed entitlements', async () => {
    vi.useFakeTimers({ now: SEPT_30, toFake: ['Date'] });
    vi.stubGlobal('Worker', InProcessWorker);
    const evaluation = new Evaluation(() => Date.now());
    const record = recordOf(SEPT_30);
    const onPage = await evaluation.update('p', inputsOf(record));
    expect(await new MeteringWorkerLink().moveEvaluation(evaluation)).toBe(true);
    expect(evaluation.where).toBe('worker');
    const held = vi.spyOn(MeteringEvaluator.prototype, 'update');
    const fromWorker = (await evaluation.update('p', inputsOf(record)))!;
    expect(fromWorker).toEqual(onPage);
    expect(fromWorker.entries).toBe(entitlementsOf(record.snapshot));
    // The worker holds only the metered entitlements.
    const sent = held.mock.calls.at(-1)![1].record!;
    const metered = Object.values(entitlementMap(record.snapshot)).filter((e) => isMeteredFeature(e.feature)).map((e) => e.featureId);
    expect(metered.length).toBeGreaterThan(0);
    expect(Object.keys(entitlementMap(sent.snapshot)).sort()).toEqual(metered.sort());
  });

  it('applies a table the worker’s clock rebuilt to the page’s record, unless the page has sent another record since', async () => {
    vi.useFakeTimers({ now: SEPT_30, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.stubGlobal('Worker', InProcessWorker);
    const evaluation = new Evaluation(() => Date.now());
    const announced: (DecisionTable | null)[] = [];
    evaluation.onTable((_key, table) => announced.push(table));
    expect(await new MeteringWorkerLink().moveEvaluation(evaluation)).toBe(true);
    const record = recordOf(SEPT_30);
    await evaluation.update('p', inputsOf(record));

    await vi.advanceTimersByTimeAsync(OCT_1 - SEPT_30);
    await vi.waitFor(() => expect(announced).toHaveLength(1));
    const rolled = announced[0]!;
    expect(tableMap(rolled)['feature-demo-03']).toMatchObject({ currentUsage: 0, usagePeriodStart: OCT_1 });
    expect(tableMap(rolled)['feature-demo-01']).toEqual(entitlementMap(record.snapshot)['feature-demo-01']);
    expect(rolled.entries).toBe(entitlementsOf(record.snapshot));

    // The worker rebuilds for a record the page no longer holds: the page ignores it.
    InProcessWorker.api.update('p', inputsOf(recordOf(SEPT_30 + 1, 5)));
    await vi.advanceTimersByTimeAsync(31 * 86_400_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(announced).toHaveLength(1);
  });
});

describe('a first visit’s answer read in the metering worker', () => {
  const text = JSON.stringify({ data: { entitlements: guideEntitlements } });
  /** The answer in three chunks, as a fetch body streams it. */
  const bytes = () => {
    const all = new TextEncoder().encode(text);
    const third = Math.ceil(all.length / 3);
    return [all.slice(0, third), all.slice(third, 2 * third), all.slice(2 * third)];
  };

  it('moves the chunks there and the snapshot back (transferred, not copied nor joined on the page): the snapshot the page would have read', async () => {
    vi.stubGlobal('Worker', InProcessWorker);
    const reader = (await new MeteringWorkerLink().answerReader())!;
    const readInWorker = vi.spyOn(InProcessWorker.api, 'readAnswer');
    const body = bytes();
    const reading = reader(body, SEPT_30);
    expect(body.map((chunk) => chunk.buffer.byteLength)).toEqual([0, 0, 0]); // the page no longer holds them
    const snapshot = (await reading)!;
    // Compared as values: packed bytes compare equal whatever they hold.
    expect(entitlementMap(snapshot)).toEqual(entitlementMap(toSnapshot(guideEntitlements, SEPT_30)));
    expect(Object.keys(entitlementMap(snapshot))).toHaveLength(guideEntitlements.length);
    expect(snapshot.lastUpdate).toBe(toSnapshot(guideEntitlements, SEPT_30).lastUpdate);
    // The worker's packed buffer moved to the page: the worker no longer holds it.
    expect((await readInWorker.mock.results[0]!.value)!.packed.byteLength).toBe(0);
    expect(snapshot.packed.byteLength).toBeGreaterThan(0);
    expect(await reader([new TextEncoder().encode('<html>')], SEPT_30)).toBeNull();
  });

  it('reads the rest of the body there when the page handed its stream over (transferred)', async () => {
    vi.stubGlobal('Worker', InProcessWorker);
    const reader = (await new MeteringWorkerLink().answerReader())!;
    const [first, ...others] = bytes();
    const rest = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of others) controller.enqueue(chunk);
        controller.close();
      },
    });
    const snapshot = (await reader([first!], SEPT_30, rest))!;
    expect(entitlementMap(snapshot)).toEqual(entitlementMap(toSnapshot(guideEntitlements, SEPT_30)));
  });

  it('is the same worker that evaluation then moves to: a client starts one', async () => {
    vi.stubGlobal('Worker', InProcessWorker);
    const link = new MeteringWorkerLink();
    const reader = (await link.answerReader())!;
    const snapshot = await reader(bytes(), SEPT_30);
    const evaluation = new Evaluation(() => SEPT_30);
    await evaluation.update('p', inputsOf({ partitionKey: 'p', snapshot: snapshot!, fetchedAt: SEPT_30 }));
    expect(await link.moveEvaluation(evaluation)).toBe(true);
    expect(evaluation.where).toBe('worker');
    expect(InProcessWorker.created).toBe(1);
  });

  it('is not offered when the worker’s script fails to load; the worker is ended', async () => {
    vi.stubGlobal('Worker', UnloadableWorker);
    const link = new MeteringWorkerLink();
    expect(await link.answerReader()).toBeNull();
    expect(await link.moveEvaluation(new Evaluation())).toBe(false);
    expect(UnloadableWorker.created.map((worker) => worker.terminated)).toEqual([true]);
  });
});
