// A small XMP packet carrying an image's generation settings, for the formats that hold
// metadata as XMP (JPEG, WebP). The prompt is also the dc:description, which photo tools show.
// Reading looks only for our own elements: no XML parser, one indexOf per field.

/** The namespace of our XMP properties. */
export const XMP_NAMESPACE = 'urn:medialoft:provenance:1.0';

/** Packets longer than this are not read (ours are a few kB). */
export const MAX_XMP_BYTES = 256 * 1024;

/** Fields written to and read from the packet, all as text. */
export const PROVENANCE_FIELDS = [
  'provider',
  'model',
  'prompt',
  'negativePrompt',
  'seed',
  'steps',
  'width',
  'height',
  'createdAt',
] as const;

export type ProvenanceField = (typeof PROVENANCE_FIELDS)[number];

/** XML text: markup characters escaped, characters XML 1.0 cannot hold dropped. */
export function escapeXml(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (char === '&') out += '&amp;';
    else if (char === '<') out += '&lt;';
    else if (char === '>') out += '&gt;';
    else if (char === '"') out += '&quot;';
    else if (char === "'") out += '&apos;';
    // A parser would turn a raw CR into LF; as a reference it survives.
    else if (char === '\r') out += '&#13;';
    else if (code < 0x20 && char !== '\t' && char !== '\n') continue;
    else if (code === 0xfffe || code === 0xffff || (code >= 0xd800 && code <= 0xdfff)) continue;
    else out += char;
  }
  return out;
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/** The text of escaped XML, for the five named entities and numeric references. */
export function unescapeXml(text: string): string {
  let out = '';
  let at = 0;
  while (at < text.length) {
    const amp = text.indexOf('&', at);
    if (amp < 0) break;
    out += text.slice(at, amp);
    const semi = text.indexOf(';', amp);
    // Entities are short: a far-off ';' means this '&' is not one.
    if (semi < 0 || semi - amp > 12) {
      out += '&';
      at = amp + 1;
      continue;
    }
    const name = text.slice(amp + 1, semi);
    let decoded = Object.hasOwn(NAMED_ENTITIES, name) ? NAMED_ENTITIES[name] : undefined;
    if (decoded === undefined && name.startsWith('#')) {
      const code = name[1] === 'x' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      if (Number.isInteger(code) && code > 0 && code <= 0x10ffff)
        decoded = String.fromCodePoint(code);
    }
    if (decoded === undefined) {
      out += '&';
      at = amp + 1;
    } else {
      out += decoded;
      at = semi + 1;
    }
  }
  return out + text.slice(at);
}

/** An XMP packet holding `fields` (those undefined are left out). */
export function buildXmp(fields: Partial<Record<ProvenanceField, string>>): string {
  const properties = PROVENANCE_FIELDS.flatMap((name) => {
    const value = fields[name];
    return value === undefined
      ? []
      : [`   <medialoft:${name}>${escapeXml(value)}</medialoft:${name}>`];
  });
  const description =
    fields.prompt === undefined
      ? []
      : [
          '   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">' +
            `${escapeXml(fields.prompt)}</rdf:li></rdf:Alt></dc:description>`,
        ];
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '  <rdf:Description rdf:about=""',
    '    xmlns:dc="http://purl.org/dc/elements/1.1/"',
    `    xmlns:medialoft="${XMP_NAMESPACE}">`,
    ...description,
    ...properties,
    '  </rdf:Description>',
    ' </rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

/**
 * Our fields in an XMP packet, or undefined when it does not declare our namespace or is too
 * long. Reads the element form we write and the attribute form XMP tools may rewrite it to.
 */
export function readXmp(xmp: string): Partial<Record<ProvenanceField, string>> | undefined {
  if (xmp.length > MAX_XMP_BYTES || !xmp.includes(XMP_NAMESPACE)) return undefined;
  const fields: Partial<Record<ProvenanceField, string>> = {};
  for (const name of PROVENANCE_FIELDS) {
    const open = `<medialoft:${name}>`;
    const start = xmp.indexOf(open);
    if (start >= 0) {
      const end = xmp.indexOf(`</medialoft:${name}>`, start + open.length);
      if (end >= 0) fields[name] = unescapeXml(xmp.slice(start + open.length, end));
      continue;
    }
    const attribute = `medialoft:${name}="`;
    const at = attributeAt(xmp, attribute);
    if (at >= 0) {
      const end = xmp.indexOf('"', at + attribute.length);
      if (end >= 0) fields[name] = unescapeXml(xmp.slice(at + attribute.length, end));
    }
  }
  return fields;
}

/** Where `attribute` starts as an attribute (after whitespace, not inside a longer name), or -1. */
function attributeAt(xmp: string, attribute: string): number {
  for (let at = xmp.indexOf(attribute); at >= 0; at = xmp.indexOf(attribute, at + 1)) {
    if (at > 0 && /\s/.test(xmp[at - 1] as string)) return at;
  }
  return -1;
}
