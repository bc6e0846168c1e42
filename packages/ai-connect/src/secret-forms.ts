// Finds a secret in text however it was disguised: any letter case, spaced out or with
// invisible characters inside, %-encoded (or \x / \u / &# escaped), as hex, or as base64
// (standard or url-safe, at any of the three byte alignments a substring can have). Text and
// secret are both reduced to a lower-case letters-and-digits skeleton; every form's skeleton
// is then searched for, and each hit mapped back to the original characters.

/** Shortest skeleton searched for: shorter ones would match ordinary words. */
const MIN_FORM = 6;
/**
 * A secret's leading part this long at the text's end or before an ellipsis, or its trailing
 * part at the text's start (a clipped message), counts.
 */
const MIN_EDGE = 8;

/** Ellipses looked at for a clipped secret before each one. */
const MAX_CUTS = 32;

interface Skeleton {
  text: string;
  /** Original index where each skeleton character's source starts and ends. */
  from: number[];
  to: number[];
}

const HEX = /^[0-9a-f]+$/i;
const isAlnum = (code: number) =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/** One character, or one escape standing for a character, at `i`: its code and length. */
function charAt(text: string, i: number): [code: number, length: number] {
  const c = text[i];
  if (c === '%') {
    const hex = text.slice(i + 1, i + 3);
    if (hex.length === 2 && HEX.test(hex)) return [Number.parseInt(hex, 16), 3];
  } else if (c === '\\' && (text[i + 1] === 'x' || text[i + 1] === 'u')) {
    const size = text[i + 1] === 'x' ? 2 : 4;
    const hex = text.slice(i + 2, i + 2 + size);
    if (hex.length === size && HEX.test(hex)) return [Number.parseInt(hex, 16), 2 + size];
  } else if (c === '&' && text[i + 1] === '#') {
    const match = /^&#(x[0-9a-f]{1,6}|\d{1,7});/i.exec(text.slice(i, i + 12));
    if (match?.[1]) {
      const value = match[1];
      const code =
        value[0] === 'x' || value[0] === 'X'
          ? Number.parseInt(value.slice(1), 16)
          : Number.parseInt(value, 10);
      return [code, match[0].length];
    }
  }
  return [text.charCodeAt(i), 1];
}

/** The lower-case letters and digits of `text` (escapes decoded), with where each came from. */
function skeletonOf(text: string): Skeleton {
  let out = '';
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < text.length; ) {
    const [code, length] = charAt(text, i);
    if (isAlnum(code)) {
      out += String.fromCharCode(code).toLowerCase();
      from.push(i);
      to.push(i + length);
    }
    i += length;
  }
  return { text: out, from, to };
}

const bare = (text: string) => skeletonOf(text).text;

/** The skeletons of every form of `secret` worth looking for. */
export function secretForms(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  const forms = [bare(secret), Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')];
  // Inside longer base64, the secret starts at byte offset 0, 1 or 2 of a 3-byte group; only the
  // characters made purely of its own bits are the same whatever surrounds it.
  for (let offset = 0; offset < 3; offset++) {
    const padded = new Uint8Array(offset + bytes.length);
    padded.set(bytes, offset);
    const b64 = btoa(String.fromCharCode(...padded));
    const start = Math.ceil((8 * offset) / 6);
    const end = Math.floor((8 * (offset + bytes.length)) / 6);
    forms.push(bare(b64.slice(start, end)));
  }
  return [...new Set(forms.filter((f) => f.length >= MIN_FORM))];
}

/**
 * Makes a function returning the `[start, end)` ranges of `text` that hold any form of any
 * of `secrets`, merged and in order. A form cut short at the very start or end of the text (a
 * clipped provider message) counts from {@link MIN_EDGE} characters on.
 */
export function createSecretFinder(
  secrets: readonly string[],
): (text: string) => Array<[number, number]> {
  const forms = [...new Set(secrets.flatMap(secretForms))].sort((a, b) => b.length - a.length);
  return function find(text) {
    if (forms.length === 0 || text.length < MIN_EDGE) return [];
    const sk = skeletonOf(text);
    const s = sk.text;
    // Where a clipped message can end: the text's end, and before each ellipsis (the first
    // few: a hostile text full of them must not make this quadratic).
    const cuts = [s.length];
    let j = 0;
    for (let at = text.indexOf('…'); at >= 0 && cuts.length <= MAX_CUTS; ) {
      while (j < sk.from.length && (sk.from[j] as number) < at) j++;
      cuts.push(j);
      at = text.indexOf('…', at + 1);
    }
    const spans: Array<[number, number]> = [];
    const add = (start: number, length: number) => {
      if (length <= 0) return;
      spans.push([sk.from[start] as number, sk.to[start + length - 1] as number]);
    };
    for (const form of forms) {
      for (let at = s.indexOf(form); at >= 0; at = s.indexOf(form, at + 1)) add(at, form.length);
      for (const end of cuts) {
        for (let n = Math.min(form.length - 1, end); n >= MIN_EDGE; n--) {
          if (s.startsWith(form.slice(0, n), end - n)) {
            add(end - n, n);
            break;
          }
        }
      }
      for (let n = Math.min(form.length - 1, s.length); n >= MIN_EDGE; n--) {
        if (s.startsWith(form.slice(form.length - n))) {
          add(0, n);
          break;
        }
      }
    }
    spans.sort((a, b) => a[0] - b[0]);
    const merged: Array<[number, number]> = [];
    for (const span of spans) {
      const last = merged.at(-1);
      if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
      else merged.push([span[0], span[1]]);
    }
    return merged;
  };
}
