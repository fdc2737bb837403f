// Logging with the official levels. The caller's logger is used as given: never
// merged into `console`, never patched. A partial logger works (a missing method is a
// no-op) and a throwing one is harmless: logging never changes what the SDK does.
// Errors are passed as the Error objects they are (with their stack), as the official does.

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
    if (this.level !== LogLevel.NONE) this.call('error', `[Stigg] ${message}`, error ?? {});
  }

  log(message: string, object?: Record<string, unknown>): void {
    if (this.level === LogLevel.ALL || this.level === LogLevel.LOG) this.call('log', `[Stigg] ${message}`, object ?? {});
  }

  private call(method: 'error' | 'log', message: string, detail: unknown): void {
    try {
      // Called as a method of the logger; a missing one is skipped, anything else it does is contained.
      (this.logger as Partial<Record<typeof method, (message: string, detail: unknown) => void>> | null)?.[method]?.(message, detail);
    } catch {
      // A logger that throws (or is not callable) must not break the call that logs.
    }
  }
}
