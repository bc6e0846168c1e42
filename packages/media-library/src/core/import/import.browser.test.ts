// Sniffing and measuring real files made by Chromium's own encoders (PNG, JPEG, WebP from
// OffscreenCanvas; WebM from MediaRecorder; WAV built by hand).
import { describe, expect, it, vi } from 'vitest';
import { sha256Hex } from './hash';
import { measureMedia } from './measure';
import { SNIFF_BYTES, sniffType } from './sniff';

async function encode(type: string, width = 64, height = 48): Promise<Blob> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#3a7';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#e33';
  context.fillRect(0, 0, width / 2, height / 2);
  return canvas.convertToBlob({ type, quality: 0.9 });
}

async function head(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(0, SNIFF_BYTES).arrayBuffer());
}

/** A 16-bit mono PCM WAV of `seconds` silence. */
function wav(seconds: number, sampleRate = 8000): Blob {
  const samples = Math.round(seconds * sampleRate);
  const buffer = new ArrayBuffer(44 + samples * 2);
  const view = new DataView(buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + samples * 2, true);
  ascii(8, 'WAVEfmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, samples * 2, true);
  return new Blob([buffer]);
}

/** A short WebM recorded from a canvas, the way a browser app would make one. */
async function recordWebm(width: number, height: number, ms: number): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d')!;
  const stream = canvas.captureStream(30);
  const recorder = new MediaRecorder(stream, { mimeType: 'video/webm' });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (event) => chunks.push(event.data);
  const stopped = new Promise((resolve) => {
    recorder.onstop = resolve;
  });
  recorder.start();
  const started = performance.now();
  while (performance.now() - started < ms) {
    context.fillStyle = `hsl(${(performance.now() - started) % 360} 80% 50%)`;
    context.fillRect(0, 0, width, height);
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  recorder.stop();
  await stopped;
  return new Blob(chunks, { type: 'video/webm' });
}

describe('real encoded images', () => {
  for (const [type, label] of [
    ['image/png', 'PNG'],
    ['image/jpeg', 'JPEG'],
    ['image/webp', 'WebP'],
  ] as const) {
    it(`sniffs and measures a ${label} made by the browser`, async () => {
      const blob = await encode(type, 64, 48);
      expect(blob.type).toBe(type);
      expect(sniffType(await head(blob))).toEqual({ kind: 'image', mimeType: type });
      expect(await measureMedia(blob, 'image', type)).toEqual({ width: 64, height: 48 });
    });
  }

  it('sniffs a PNG saved as ".jpg" as PNG', async () => {
    const png = await encode('image/png');
    const file = new File([png], 'holiday.jpg', { type: 'image/jpeg' });
    expect(sniffType(await head(file), file.name, file.type)).toEqual({
      kind: 'image',
      mimeType: 'image/png',
    });
  });

  it('measures an extended WebP (VP8X, with alpha) and a large JPEG from their headers', async () => {
    // An untouched canvas is transparent, so Chromium writes the extended format with alpha.
    const withAlpha = await new OffscreenCanvas(300, 7).getContext('2d')!.canvas.convertToBlob({
      type: 'image/webp',
    });
    const chunk = new TextDecoder().decode((await head(withAlpha)).subarray(12, 16));
    expect(chunk).toBe('VP8X');
    expect(await measureMedia(withAlpha, 'image', 'image/webp')).toEqual({ width: 300, height: 7 });
    const big = await encode('image/jpeg', 3000, 2000);
    expect(await measureMedia(big, 'image', 'image/jpeg')).toEqual({ width: 3000, height: 2000 });
  });

  it('measures an SVG through its attributes', async () => {
    const svg = new Blob(['<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 90 30"/>'], {
      type: 'image/svg+xml',
    });
    expect(sniffType(await head(svg))).toEqual({ kind: 'image', mimeType: 'image/svg+xml' });
    expect(await measureMedia(svg, 'image', 'image/svg+xml')).toEqual({ width: 90, height: 30 });
  });

  it('hashes with the same result as in Node', async () => {
    expect(await sha256Hex(new Blob(['abc']))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});

describe('real audio and video', () => {
  it('reads the duration of a WAV', async () => {
    const audio = wav(1.5);
    expect(sniffType(await head(audio))).toEqual({ kind: 'audio', mimeType: 'audio/wav' });
    const { duration } = await measureMedia(audio, 'audio', 'audio/wav');
    expect(duration).toBeCloseTo(1.5, 2);
  });

  it('reads size and duration of a recorded WebM, which carries no duration header', async () => {
    const video = await recordWebm(160, 120, 600);
    expect(sniffType(await head(video))).toEqual({ kind: 'video', mimeType: 'video/webm' });
    const measured = await measureMedia(video, 'video', 'video/webm');
    expect(measured.width).toBe(160);
    expect(measured.height).toBe(120);
    expect(measured.duration).toBeGreaterThan(0.2);
    expect(measured.duration).toBeLessThan(3);
  });

  it('returns {} for media the browser cannot play on its error, without waiting out the timeout', async () => {
    // The timeout's timer is fake and never advanced: only the element's error can end this.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const garbage = new Blob([crypto.getRandomValues(new Uint8Array(1000))]);
      expect(await measureMedia(garbage, 'video', 'video/mp4', { timeoutMs: 2000 })).toEqual({});
    } finally {
      vi.useRealTimers();
    }
  });
});
