// Logging that cannot leak a key: every line and every error message the server sends passes
// through a redactor that knows the configured secrets and the usual token shapes.
import { createRedactor, REDACTED } from '@medialoft/ai-connect';

// The redactor lives in ai-connect, so its provider errors are scrubbed the same way.
export { createRedactor, REDACTED };

/** A structured logger; the default writes one JSON line per call. */
export interface ServerLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Redacts every string inside a JSON-able value (for log fields). */
export function redactValue(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') return redact(value);
  if (value instanceof Error) return redact(`${value.name}: ${value.message}`);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, redact));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, redactValue(v, redact)] as const),
    );
  }
  return value;
}

/**
 * A logger writing one JSON line per call to `write` (default `console.log`/`console.error`),
 * with every string redacted.
 *
 * @example
 * const logger = createJsonLogger({ secrets: [env.OPENAI_API_KEY] });
 * logger.info('listening', { port: 8787 });
 */
export function createJsonLogger(
  options: { secrets?: Iterable<string | undefined>; write?: (line: string) => void } = {},
): ServerLogger {
  const redact = createRedactor(options.secrets ?? []);
  const line = (level: string, message: string, fields?: Record<string, unknown>) => {
    const record = { level, time: new Date().toISOString(), msg: message, ...fields };
    const text = redact(JSON.stringify(redactValue(record, redact)));
    if (options.write) options.write(text);
    else if (level === 'error') console.error(text);
    else console.log(text);
  };
  return {
    info: (message, fields) => line('info', message, fields),
    warn: (message, fields) => line('warn', message, fields),
    error: (message, fields) => line('error', message, fields),
  };
}

/** Wraps any logger so its messages and fields are redacted before they reach it. */
export function redactingLogger(
  logger: ServerLogger,
  redact: (text: string) => string,
): ServerLogger {
  const wrap = (fn: ServerLogger['info']) => (message: string, fields?: Record<string, unknown>) =>
    fn(redact(message), fields && (redactValue(fields, redact) as Record<string, unknown>));
  return {
    info: wrap(logger.info.bind(logger)),
    warn: wrap(logger.warn.bind(logger)),
    error: wrap(logger.error.bind(logger)),
  };
}
