// Draws the local placeholder image: a seeded composition of a gradient and shapes, the
// prompt, and a "local placeholder" label, as SVG rendered to PNG by sharp.
import sharp from 'sharp';

/** What one placeholder image is made from; the same spec always gives the same bytes. */
export interface PlaceholderSpec {
  prompt: string;
  seed: number;
  width: number;
  height: number;
}

const FONT = "'DejaVu Sans', 'Liberation Sans', Arial, sans-serif";

/** FNV-1a, 32 bits: a stable seed from text, so no seed still means a repeatable image. */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: tiny, fast and good enough to scatter shapes; returns floats in [0, 1). */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hsl(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number) => {
    const k = (n + h / 30) % 12;
    const value = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(value * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Greedy word wrap by an average glyph width; long words are cut, overflow gets an ellipsis. */
function wrap(text: string, maxChars: number, maxLines: number): string[] {
  const words = text.trim().split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (let word of words) {
    while (word.length > maxChars) {
      if (line) lines.push(line);
      lines.push(word.slice(0, maxChars));
      word = word.slice(maxChars);
      line = '';
    }
    const candidate = line ? `${line} ${word}` : word;
    if (candidate.length > maxChars) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1] ?? '';
  kept[maxLines - 1] = `${last.slice(0, Math.max(0, maxChars - 1))}…`;
  return kept;
}

/** The SVG of one placeholder image. */
export function placeholderSvg({ prompt, seed, width, height }: PlaceholderSpec): string {
  const random = prng(hashText(prompt) ^ Math.imul(seed >>> 0, 0x9e3779b1));
  const pick = (min: number, max: number) => min + random() * (max - min);
  const short = Math.min(width, height);

  const hue = pick(0, 360);
  const from = hsl(hue, pick(0.45, 0.7), pick(0.3, 0.45));
  const to = hsl((hue + pick(40, 140)) % 360, pick(0.45, 0.7), pick(0.45, 0.6));
  const angle = pick(0, Math.PI * 2);
  const [x1, y1] = [0.5 - Math.cos(angle) / 2, 0.5 - Math.sin(angle) / 2];
  const [x2, y2] = [0.5 + Math.cos(angle) / 2, 0.5 + Math.sin(angle) / 2];

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<defs><linearGradient id="bg" x1="${x1.toFixed(3)}" y1="${y1.toFixed(3)}" x2="${x2.toFixed(3)}" y2="${y2.toFixed(3)}"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>`,
    `<rect width="${width}" height="${height}" fill="url(#bg)"/>`,
  ];

  const shapes = 5 + Math.floor(random() * 5);
  for (let i = 0; i < shapes; i++) {
    const fill = hsl((hue + pick(-60, 200)) % 360, pick(0.4, 0.9), pick(0.35, 0.85));
    const opacity = pick(0.15, 0.5).toFixed(2);
    const cx = (random() * width).toFixed(1);
    const cy = (random() * height).toFixed(1);
    const size = pick(0.08, 0.35) * short;
    const kind = Math.floor(random() * 3);
    if (kind === 0) {
      parts.push(
        `<circle cx="${cx}" cy="${cy}" r="${size.toFixed(1)}" fill="${fill}" fill-opacity="${opacity}"/>`,
      );
    } else if (kind === 1) {
      const rotate = pick(0, 90).toFixed(1);
      parts.push(
        `<rect x="${(-size).toFixed(1)}" y="${(-size / 2).toFixed(1)}" width="${(size * 2).toFixed(1)}" height="${size.toFixed(1)}" rx="${(size / 8).toFixed(1)}" fill="${fill}" fill-opacity="${opacity}" transform="translate(${cx} ${cy}) rotate(${rotate})"/>`,
      );
    } else {
      parts.push(
        `<ellipse cx="${cx}" cy="${cy}" rx="${size.toFixed(1)}" ry="${(size * pick(0.3, 0.8)).toFixed(1)}" fill="none" stroke="${fill}" stroke-opacity="${opacity}" stroke-width="${(short / 60).toFixed(1)}"/>`,
      );
    }
  }

  // Text only where it can be read; tiny images keep just the composition.
  const fontSize = Math.round(Math.min(short / 14, width / 18));
  if (fontSize >= 9) {
    const maxChars = Math.max(8, Math.floor((width * 0.84) / (fontSize * 0.56)));
    const lines = wrap(prompt, maxChars, 4);
    const lineHeight = fontSize * 1.3;
    const boxHeight = lines.length * lineHeight + fontSize;
    const boxY = height - boxHeight - short * 0.06;
    parts.push(
      `<rect x="${(width * 0.05).toFixed(1)}" y="${boxY.toFixed(1)}" width="${(width * 0.9).toFixed(1)}" height="${boxHeight.toFixed(1)}" rx="${(fontSize / 2).toFixed(1)}" fill="#000" fill-opacity="0.45"/>`,
      `<text font-family="${FONT}" font-size="${fontSize}" fill="#fff">`,
      ...lines.map(
        (line, i) =>
          `<tspan x="${(width * 0.08).toFixed(1)}" y="${(boxY + fontSize * 0.5 + lineHeight * (i + 0.8)).toFixed(1)}">${escapeXml(line)}</tspan>`,
      ),
      '</text>',
    );
  }
  const labelSize = Math.round(short / 30);
  if (labelSize >= 8) {
    parts.push(
      `<text x="${(labelSize * 1.2).toFixed(1)}" y="${(labelSize * 2).toFixed(1)}" font-family="${FONT}" font-size="${labelSize}" font-weight="bold" fill="#fff" fill-opacity="0.85" letter-spacing="${(labelSize / 10).toFixed(1)}">LOCAL PLACEHOLDER · seed ${seed >>> 0}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}

/** Renders one placeholder image as PNG bytes. */
export async function renderPlaceholder(spec: PlaceholderSpec): Promise<Uint8Array> {
  const png = await sharp(Buffer.from(placeholderSvg(spec)))
    // The image is opaque, so drop the alpha channel: a quarter less to encode and store.
    .removeAlpha()
    // Fast zlib settings: the demo wants instant images more than small ones.
    .png({ compressionLevel: 3, adaptiveFiltering: false })
    .toBuffer();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
