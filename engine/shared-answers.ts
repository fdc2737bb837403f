// Answers that are the same for every page and tab of an origin and every customer (the
// SDK configuration): fetched through the engine once per interval for the environment,
// kept in the meta store, and served from there on reload, in other tabs and offline.
// Nothing of a customer and no secret is in them (the environment's key names the record,
// as it names graphcache's namespace).
import type { Connection } from '../core/protocol';
import type { GraphqlOperation } from '../core/stigg-calls/operation';
import type { EngineEnvironment } from './environment';
import type { MetaRecord } from './storage/database';
import type { EngineStore } from './storage/engine-store';

/** How long a shared answer is served without asking the API again (the default polling interval). */
export const SHARED_ANSWER_TTL_MS = 30_000;

/** Operations whose answer does not depend on the customer: shared by every page of the environment. */
const SHARED_OPERATIONS: ReadonlySet<string> = new Set(['GetSdkConfiguration']);

export interface SharedAnswerRecord extends MetaRecord {
  value: unknown;
  /** Device time of the fetch; only ever compared with this device's own clock. */
  fetchedAt: number;
}

/** The meta key for an operation's shared answer in an environment, or null when it is not shared. */
export function sharedAnswerKey(connection: Pick<Connection, 'baseUri' | 'apiKey'>, operation: GraphqlOperation): string | null {
  const name = /^\s*query\s+(\w+)/.exec(operation.document)?.[1];
  if (operation.kind !== 'query' || name === undefined || !SHARED_OPERATIONS.has(name)) return null;
  if (Object.keys(operation.variables).length > 0) return null;
  return `shared:${JSON.stringify([connection.baseUri, connection.apiKey, name])}`;
}

/** Fresh: fetched less than `ttlMs` ago by this device's clock (a stamp in the future is not trusted). */
export function isFreshAnswer(fetchedAt: number, now: number, ttlMs: number): boolean {
  return fetchedAt <= now && now - fetchedAt < ttlMs;
}

export class SharedAnswers {
  private readonly memory = new Map<string, SharedAnswerRecord>();
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: EngineStore,
    private readonly env: Pick<EngineEnvironment, 'now'>,
    private readonly ttlMs: number = SHARED_ANSWER_TTL_MS,
  ) {}

  /**
   * The stored answer while fresh; else `fetchAnswer()`'s (stored for the next pages), or the
   * stored one when the API cannot be reached. A refused key is never covered by a stored answer.
   */
  answer(key: string, fetchAnswer: () => Promise<unknown>): Promise<unknown> {
    const running = this.inFlight.get(key);
    if (running) return running;
    const answering = this.resolve(key, fetchAnswer).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, answering);
    return answering;
  }

  private async resolve(key: string, fetchAnswer: () => Promise<unknown>): Promise<unknown> {
    const stored = this.memory.get(key) ?? (await this.load(key));
    if (stored && isFreshAnswer(stored.fetchedAt, this.env.now(), this.ttlMs)) return stored.value;
    let value: unknown;
    try {
      value = await fetchAnswer();
    } catch (error) {
      if (stored && (error as { code?: unknown } | null)?.code !== 'Unauthenticated') return stored.value;
      throw error;
    }
    const record: SharedAnswerRecord = { key, value, fetchedAt: this.env.now() };
    this.memory.set(key, record);
    await this.store.write('store a shared answer', (db) => db.put('meta', record).then(() => undefined));
    return value;
  }

  private async load(key: string): Promise<SharedAnswerRecord | undefined> {
    const record = await this.store.read('read a shared answer', undefined, (db) => db.get('meta', key));
    if (!record || typeof (record as SharedAnswerRecord).fetchedAt !== 'number' || !('value' in record)) return undefined;
    this.memory.set(key, record as SharedAnswerRecord);
    return record as SharedAnswerRecord;
  }
}
