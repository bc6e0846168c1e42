// Thumbnails of video, audio and text in Chromium, from fixtures made here: a recorded video
// that opens on black, a WAV with a tone then silence, and text, CSV and JSON files.
import { describe, expect, it } from 'vitest';
import { libraryDbName } from '../db';
import { createMediaLibrary } from '../library';
import { opfsDirectoryName } from '../storage/default-blob-store';
import { createAudioWaveform } from './audio-waveform';
import { createThumbnail } from './thumbnail';
import { createVideoPoster } from './video-poster';

async function readPixels(blob: Blob) {
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d')!;
  context.drawImage(bitmap, 0, 0);
  const { data, width, height } = context.getImageData(0, 0, bitmap.width, bitmap.height);
  bitmap.close();
  return { data, width, height };
}

/** Mean luminance of a rectangle of an RGBA image. */
function luminance(
  image: { data: Uint8ClampedArray; width: number },
  x0: number,
  y0: number,
  x1: number,
  y1: number,
): number {
  let sum = 0;
  let count = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * image.width + x) * 4;
      sum += 0.299 * image.data[i]! + 0.587 * image.data[i + 1]! + 0.114 * image.data[i + 2]!;
      count++;
    }
  }
  return sum / count;
}

/** Pixels darker than mid-grey in a rectangle of an RGBA image. */
function darkPixels(
  image: { data: Uint8ClampedArray; width: number },
  x0: number,
  y0: number,
  x1: number,
  y1: number,
): number {
  let dark = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * image.width + x) * 4;
      if (image.data[i]! + image.data[i + 1]! + image.data[i + 2]! < 3 * 110) dark++;
    }
  }
  return dark;
}

/** Opaque pixels in each column of an RGBA image. */
function opaqueHeights(image: { data: Uint8ClampedArray; width: number; height: number }) {
  return Array.from({ length: image.width }, (_, x) => {
    let opaque = 0;
    for (let y = 0; y < image.height; y++) {
      if (image.data[(y * image.width + x) * 4 + 3]! > 128) opaque++;
    }
    return opaque;
  });
}

/**
 * A WebM recorded from a canvas: black for its first `blackMs`, then bright orange, `totalMs`
 * long. Recording runs in real time, so the black part is where a naive poster would land.
 */
async function recordVideo(blackMs: number, totalMs: number): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = 320;
  canvas.height = 240;
  const context = canvas.getContext('2d')!;
  const started = performance.now();
  const draw = () => {
    context.fillStyle = performance.now() - started < blackMs ? '#000' : '#ffa500';
    context.fillRect(0, 0, canvas.width, canvas.height);
  };
  draw();
  const stream = canvas.captureStream(30);
  const recorder = new MediaRecorder(stream, { mimeType: 'video/webm' });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (event) => chunks.push(event.data);
  const stopped = new Promise((resolve) => {
    recorder.onstop = resolve;
  });
  const ticker = setInterval(draw, 20);
  recorder.start();
  await new Promise((resolve) => setTimeout(resolve, totalMs));
  recorder.stop();
  await stopped;
  clearInterval(ticker);
  for (const track of stream.getTracks()) track.stop();
  return new Blob(chunks, { type: 'video/webm' });
}

/** A mono 16-bit WAV: a loud 440 Hz tone for the first `toneSeconds`, then silence. */
function toneThenSilence(toneSeconds: number, totalSeconds: number, rate = 8000): Blob {
  const samples = Math.round(totalSeconds * rate);
  const view = new DataView(new ArrayBuffer(44 + samples * 2));
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + samples * 2, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, samples * 2, true);
  for (let i = 0; i < samples; i++) {
    const value = i < toneSeconds * rate ? Math.sin((2 * Math.PI * 440 * i) / rate) * 0.9 : 0;
    view.setInt16(44 + i * 2, Math.round(value * 32767), true);
  }
  return new Blob([view.buffer], { type: 'audio/wav' });
}

describe('video posters in Chromium', () => {
  it('takes a bright frame, not the black opening, at thumbnail size', async () => {
    // Half-way (the later try) is 1.4 s past the black opening, so frames a busy machine's
    // recorder drops around the switch to orange can't leave it black.
    const video = await recordVideo(600, 4000);
    // A generous budget: the machine running the tests may be busy.
    const poster = await createVideoPoster(
      video,
      { maxSize: 160, type: 'image/webp', quality: 0.85 },
      30_000,
    );
    expect(poster).toBeDefined();
    expect(poster!.type).toBe('image/webp');
    expect([poster!.width, poster!.height]).toEqual([160, 120]);
    const image = await readPixels(poster!.blob);
    expect([image.width, image.height]).toEqual([160, 120]);
    // Orange (255, 165, 0) is about 173 in luminance; black is 0.
    expect(luminance(image, 0, 0, 160, 120)).toBeGreaterThan(120);
    const centre = (60 * 160 + 80) * 4;
    expect(image.data[centre]).toBeGreaterThan(200);
    expect(image.data[centre + 2]).toBeLessThan(80);
  }, 60_000);

  it('gives no poster for bytes that are not a video', async () => {
    const junk = new Blob([new Uint8Array(4096).fill(7)], { type: 'video/webm' });
    expect(await createThumbnail(junk, { maxSize: 160, kind: 'video' })).toBeUndefined();
  }, 30_000);
});

describe('audio waveforms in Chromium', () => {
  it('draws tall bars where the tone is and low ones over the silence', async () => {
    const wav = toneThenSilence(1, 4);
    const thumb = await createThumbnail(wav, { maxSize: 400, kind: 'audio', duration: 4 });
    expect(thumb).toBeDefined();
    expect(thumb!.type).toBe('image/webp');
    expect([thumb!.width, thumb!.height]).toEqual([400, 300]);
    const heights = opaqueHeights(await readPixels(thumb!.blob));
    const tone = Math.max(...heights.slice(0, 90));
    const silence = Math.max(...heights.slice(120));
    expect(tone).toBeGreaterThan(200);
    expect(silence).toBeLessThan(10);
  }, 30_000);

  it('decodes nothing above the duration cap or for silence alone', async () => {
    const request = { maxSize: 400, type: 'image/webp', quality: 0.85 };
    expect(
      await createAudioWaveform(toneThenSilence(1, 2), { ...request, duration: 1201 }),
    ).toBeUndefined();
    expect(await createAudioWaveform(toneThenSilence(0, 1), request)).toBeUndefined();
  }, 30_000);
});

describe('text previews in Chromium', () => {
  const files = [
    new File(['Hello world\nSecond line of the note\n'], 'note.txt', { type: 'text/plain' }),
    new File(['name,size\nphoto.png,1024\nclip.webm,2048\n'], 'list.csv', { type: 'text/csv' }),
    new File(['{\n  "title": "MediaLoft",\n  "items": [1, 2, 3]\n}\n'], 'data.json', {
      type: 'application/json',
    }),
  ];

  for (const file of files) {
    it(`draws the first lines of ${file.name} dark on white, starting top left`, async () => {
      const thumb = await createThumbnail(file, { maxSize: 400, kind: 'text' });
      expect(thumb).toBeDefined();
      expect([thumb!.width, thumb!.height]).toEqual([400, 400]);
      const image = await readPixels(thumb!.blob);
      // Glyphs put dark pixels in the top-left corner; past the last line all stays white.
      expect(darkPixels(image, 0, 0, 200, 60)).toBeGreaterThan(40);
      expect(darkPixels(image, 0, 200, 400, 400)).toBe(0);
      expect(luminance(image, 0, 200, 400, 400)).toBeGreaterThan(250);
    }, 30_000);
  }

  it('reads only the start of a big file', async () => {
    const line = `${'x'.repeat(60)}\n`;
    let read = 0;
    const big = new Blob([line.repeat(200_000)], { type: 'text/plain' });
    const slice = big.slice.bind(big);
    big.slice = (start?: number, end?: number, type?: string) => {
      read = Math.max(read, (end ?? big.size) - (start ?? 0));
      return slice(start, end, type);
    };
    expect(await createThumbnail(big, { maxSize: 200, kind: 'text' })).toBeDefined();
    expect(read).toBeLessThanOrEqual(64 * 1024);
  }, 30_000);
});

describe('importing video, audio and text', () => {
  it('stores each preview as an image thumbnail is stored, with durations on the record', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const library = createMediaLibrary({ name, broadcast: false });
    try {
      await library.ready;
      const files = [
        new File([await recordVideo(200, 1500)], 'clip.webm', { type: 'video/webm' }),
        new File([toneThenSilence(1, 3)], 'tone.wav', { type: 'audio/wav' }),
        new File(['# Notes\n\n- first\n- second\n'], 'notes.md', { type: 'text/markdown' }),
        new File(['<!DOCTYPE html><html><body>page</body></html>'], 'page.html', {
          type: 'text/html',
        }),
      ];
      const results = await library.importFiles(files);
      const assets = results.map((result) => {
        if (result.status !== 'imported') throw new Error(`not imported: ${result.status}`);
        return result.asset;
      });
      const [video, audio, text, page] = assets;
      expect(assets.map((asset) => asset.kind)).toEqual(['video', 'audio', 'text', 'text']);
      for (const asset of [video!, audio!, text!]) {
        expect(asset.thumbnailKey, asset.name).toBeDefined();
        expect(asset.thumbnailType, asset.name).toBe('image/webp');
        const thumbnail = await library.getBlob(asset.id, 'thumbnail');
        const bitmap = await createImageBitmap(thumbnail!);
        expect(bitmap.width, asset.name).toBeGreaterThan(0);
        bitmap.close();
      }
      expect(audio!.duration).toBeCloseTo(3, 1);
      expect(video!.duration).toBeGreaterThan(0.5);
      // Markup keeps its labelled box.
      expect(page!.mimeType).toBe('text/html');
      expect(page!.thumbnailKey).toBeUndefined();
    } finally {
      await library.clear().catch(() => undefined);
      library.close();
      await new Promise((resolve) => {
        const request = indexedDB.deleteDatabase(libraryDbName(name));
        request.onsuccess = request.onerror = request.onblocked = resolve;
      });
      const root = await navigator.storage.getDirectory();
      await root.removeEntry(opfsDirectoryName(name), { recursive: true }).catch(() => undefined);
    }
  }, 90_000);
});
