/**
 * One logger per module. Never pass a password or a client's personal fields to it:
 * log ids and counts.
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

export function createLogger(module: string): Logger {
  const prefix = `[${module}]`;
  return {
    info: (m) => console.log(prefix, m),
    warn: (m) => console.warn(prefix, m),
    error: (m, err) => console.error(prefix, m, err instanceof Error ? err.stack ?? err.message : err ?? ''),
  };
}
