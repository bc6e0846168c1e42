// Logging that cannot leak a key: every line and every error message the server sends passes
// through a redactor that knows the configured secrets and the usual token shapes.
import { createSecretFinder } from './secret-forms';

/** A structured logger; the default writes one JSON line per call. */
export interface ServerLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const REDACTED = '[redacted]';

// Token shapes seen in the wild, caught even when nobody listed them as secrets.
const TOKEN_PATTERNS: RegExp[] = [
  /\br8_[A-Za-z0-9]{16,}\b/g, // Replicate
  /\bsk-[A-Za-z0-9_-]{16,}\b/g, // OpenAI
  /\b(Bearer|Token)\s+[A-Za-z0-9._~+/=-]{8,}/gi, // Authorization header values
  /(redis|rediss):\/\/[^:@/\s]*:[^@/\s]+@/gi, // passwords inside Redis URLs
];

const TOKEN_HINT = /r8_|sk-|bearer|token|rediss?:/i;

/**
 * Makes a function that replaces every occurrence of `secrets` (and of well-known token
 * shapes) in a text with `[redacted]`. A secret is found in any letter case, spaced out or with
 * invisible characters inside, %-encoded or escaped, as hex and as base64 (standard or
 * url-safe, also as part of a longer encoding), and when cut short at the start or end of the
 * text. Secrets shorter than 6 characters are ignored: they would redact ordinary words and
 * are not real keys anyway.
 *
 * @example
 * const redact = createRedactor([process.env.REPLICATE_API_TOKEN]);
 * redact(`calling with ${process.env.REPLICATE_API_TOKEN}`); // 'calling with [redacted]'
 */
export function createRedactor(secrets: Iterable<string | undefined>): (text: string) => string {
  const list = [...new Set([...secrets].filter((s): s is string => !!s && s.length >= 6))].sort(
    (a, b) => b.length - a.length,
  );
  const find = createSecretFinder(list);
  return function redact(text: string): string {
    let out = text;
    for (const secret of list) out = out.split(secret).join(REDACTED);
    const spans = find(out);
    for (let i = spans.length - 1; i >= 0; i--) {
      const [start, end] = spans[i] as [number, number];
      out = `${out.slice(0, start)}${REDACTED}${out.slice(end)}`;
    }
    // One cheap test first: most log strings hold none of the shapes the patterns look for.
    if (!TOKEN_HINT.test(out)) return out;
    for (const pattern of TOKEN_PATTERNS) {
      out = out.replace(pattern, (_match, scheme: unknown) =>
        typeof scheme === 'string' && /^(bearer|token)$/i.test(scheme)
          ? `${scheme} ${REDACTED}`
          : typeof scheme === 'string'
            ? `${scheme}://${REDACTED}@`
            : REDACTED,
      );
    }
    return out;
  };
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
