// Logging with the official levels. The caller's logger is used as given: never
// merged into `console`, never patched.

export interface Logger {
  log: (message: string, object?: Record<string, unknown>) => void;
  debug?: (message: string, object?: Record<string, unknown>) => void;
  error: (message: string, error?: unknown) => void;
}

export const LogLevel = { ALL: 'ALL', NONE: 'NONE', LOG: 'LOG', ERROR: 'ERROR' } as const;
export type LogLevel = (typeof LogLevel)[keyof typeof LogLevel];

export class LoggerService {
  constructor(
    private readonly logger: Logger = console,
    private readonly level: LogLevel = LogLevel.ERROR,
  ) {}

  error(message: string, error?: unknown): void {
    if (this.level !== LogLevel.NONE) this.logger.error(`[Stigg] ${message}`, error ?? {});
  }

  log(message: string, object?: Record<string, unknown>): void {
    if (this.level === LogLevel.ALL || this.level === LogLevel.LOG) this.logger.log(`[Stigg] ${message}`, object ?? {});
  }
}
