// What the metering worker offers the page, over comlink. Every function is core code
// run off the main thread; arguments and results must survive structured clone.
import { periodContaining } from '../core/periods';
import { version } from '../package.json';

export const meteringApi = {
  version: (): string => version,
  periodContaining,
};

export type MeteringApi = typeof meteringApi;
