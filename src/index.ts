// Gatehouse's page API: `import Stigg from 'gatehouse'`, then `Stigg.initialize(config)`,
// as with the official SDK. Only what the first answer needs is loaded up front: the
// engine connection (with the page's ticks) and the metering worker arrive by dynamic import.
import { GatehouseClient } from './client';
import { resolveConfiguration, type ClientConfiguration } from './config';
import { Evaluation } from './evaluation';
import { LoggerService } from './logger';
import { storedData } from './engine-link/stored-data';
import { isServerSide, noEngine } from './server-side';
import { isFirstVisit, startFirstVisit } from './first-visit';
import type { MeteringWorkerLink } from './worker-evaluation';

export type { ClientConfiguration, LogConfiguration } from './config';
export type { Logger } from './logger';
export { LogLevel } from './logger';
export type { Events, EventName } from './events';
export type { FeatureProvenance, AnswerSource } from '../core/table';
export type { SyncStatus } from '../core/protocol';
export type { Bootstrap } from '../core/bootstrap';
export * from './official-surface';
export type { GatehouseClient as StiggClient } from './client';
/** The client's type, as `Stigg` is in the official package (`let stigg: Stigg`). */
export type Stigg = GatehouseClient;

export const Stigg = {
  /** Creates a client. Throws on a missing API key or a mistyped field; warns on unknown fields. */
  initialize(configuration: ClientConfiguration): GatehouseClient {
    const { config, warnings } = resolveConfiguration(configuration);
    const log = new LoggerService(config.logConfiguration.logger, config.logConfiguration.logLevel);
    for (const warning of warnings) log.error(warning);

    const evaluation = new Evaluation();
    if (isServerSide()) {
      const client = new GatehouseClient(config, { engine: noEngine, stored: null, evaluation, serverSide: true });
      client.start();
      return client;
    }
    // On a first visit the metering worker starts after the first answer (or 1 s), unless
    // that answer is large: the worker then reads it, off the main thread.
    let startupSettled: Promise<void> = Promise.resolve();
    const useWorker = !config.offline && config.useWorker && typeof Worker !== 'undefined';
    let workerLink: Promise<MeteringWorkerLink> | null = null;
    const meteringWorker = () => (workerLink ??= import('./worker-evaluation').then(({ MeteringWorkerLink }) => new MeteringWorkerLink()));
    const client: GatehouseClient = new GatehouseClient(config, {
      firstVisit:
        !config.offline && config.enableEdge && isFirstVisit(config.host)
          ? (connection) => {
              const visit = startFirstVisit(connection, config.initTimeoutMs, {
                ...(useWorker ? { offMainThread: () => meteringWorker().then((link) => link.answerReader()) } : {}),
              });
              startupSettled = visit.settled;
              return visit;
            }
          : undefined,
      engine: () =>
        import('./engine-connection').then(({ connectTickingEngine }) =>
          connectTickingEngine({
            host: config.host,
            serviceWorkerUrl: config.serviceWorkerUrl,
            log: (message) => log.log(message),
            warn: (message) => log.error(message),
            intervalMs: config.cacheTtlMs,
            tick: () => client.tick(),
          }),
        ),
      stored: storedData,
      evaluation,
    });
    client.start();
    if (useWorker) {
      void startupSettled.then(meteringWorker).then((link) => link.moveEvaluation(evaluation));
    }
    return client;
  },
};

/** The official's offline client: fallbacks and stand-in answers, no network. */
export const OfflineStigg = {
  initialize: (configuration: ClientConfiguration): GatehouseClient => Stigg.initialize({ ...configuration, offline: true }),
};
export type OfflineStigg = GatehouseClient;

export default Stigg;
