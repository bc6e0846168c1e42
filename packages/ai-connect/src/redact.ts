// Redaction of secrets in any disguise, shared by the providers' error messages and the
// server's responses and logs: a key must not survive in any text this package hands out.
import { createSecretFinder } from './secret-forms';

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
