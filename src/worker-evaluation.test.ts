import { afterEach, describe, expect, it, vi } from 'vitest';
import { Evaluation } from './evaluation';
import { moveEvaluationToWorker } from './worker-evaluation';

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
  UnloadableWorker.created = [];
});

describe('moveEvaluationToWorker', () => {
  it('keeps evaluation on the page, and ends the worker, when its script fails to load', async () => {
    vi.stubGlobal('Worker', UnloadableWorker);
    const evaluation = new Evaluation();
    expect(await moveEvaluationToWorker(evaluation)).toBe(false);
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
    expect(await moveEvaluationToWorker(evaluation)).toBe(false);
    expect(evaluation.where).toBe('page');
  });
});
