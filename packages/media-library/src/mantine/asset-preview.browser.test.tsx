// The details' in-place preview in real Chromium: a WAV written here plays in an <audio> (its
// metadata reads, its duration is the one written), and a PDF's Next page draws page 2.
import { MantineProvider } from '@mantine/core';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { libraryDbName } from '../core/db';
import { pdfOfPages, TWO_PAGES } from '../core/import/test-pdf';
import { createMediaLibrary, type MediaLibraryInstance } from '../core/library';
import { createMemoryBlobStore } from '../core/storage/memory-blob-store';
import { MediaLibraryProvider } from '../react/media-library-provider';
import { AssetPreview } from './asset-preview';

const names: string[] = [];
const open: MediaLibraryInstance[] = [];
let root: Root | undefined;
let host: HTMLElement | undefined;

afterEach(async () => {
  root?.unmount();
  host?.remove();
  for (const library of open.splice(0)) library.close();
  for (const name of names.splice(0)) {
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(libraryDbName(name));
      request.onsuccess = request.onerror = request.onblocked = resolve;
    });
  }
});

function library(): MediaLibraryInstance {
  const name = `preview-${crypto.randomUUID()}`;
  names.push(name);
  const made = createMediaLibrary({ name, broadcast: false, blobStore: createMemoryBlobStore() });
  open.push(made);
  return made;
}

/** `seconds` of a 440 Hz tone as 16-bit mono PCM WAV at 8 kHz. */
function wav(seconds: number): File {
  const rate = 8000;
  const samples = Math.round(rate * seconds);
  const view = new DataView(new ArrayBuffer(44 + samples * 2));
  const text = (offset: number, value: string) => {
    for (let i = 0; i < value.length; i++) view.setUint8(offset + i, value.charCodeAt(i));
  };
  text(0, 'RIFF');
  view.setUint32(4, 36 + samples * 2, true);
  text(8, 'WAVEfmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, samples * 2, true);
  for (let i = 0; i < samples; i++)
    view.setInt16(44 + i * 2, Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 12000), true);
  return new File([view.buffer], 'tone.wav', { type: 'audio/wav' });
}

async function show(made: MediaLibraryInstance, file: File) {
  await made.ready;
  const [result] = await made.importFiles([file]);
  if (result?.status !== 'imported') throw new Error(`${file.name} was not imported`);
  host = document.createElement('div');
  host.style.width = '320px';
  document.body.append(host);
  const mounted = createRoot(host);
  root = mounted;
  mounted.render(
    <MantineProvider>
      <MediaLibraryProvider library={made}>
        <AssetPreview asset={result.asset} />
      </MediaLibraryProvider>
    </MantineProvider>,
  );
  return host;
}

/** The picture an <img> shows, drawn small, as RGBA bytes. */
async function pixels(image: HTMLImageElement): Promise<number[]> {
  await image.decode();
  const canvas = new OffscreenCanvas(32, 40);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  context.drawImage(image, 0, 0, 32, 40);
  return Array.from(context.getImageData(0, 0, 32, 40).data);
}

describe('AssetPreview in Chromium', () => {
  it('plays a WAV: its <audio> reads the metadata and knows the duration', async () => {
    const shown = await show(library(), wav(0.5));
    const audio = await vi.waitFor(
      () => {
        const found = shown.querySelector('audio');
        if (!found?.src) throw new Error('no audio yet');
        return found;
      },
      { timeout: 20_000 },
    );
    expect(audio.controls).toBe(true);
    if (audio.readyState < HTMLMediaElement.HAVE_METADATA)
      await new Promise((resolve, reject) => {
        audio.addEventListener('loadedmetadata', resolve, { once: true });
        audio.addEventListener('error', () => reject(audio.error), { once: true });
      });
    expect(audio.duration).toBeGreaterThan(0.45);
    expect(audio.duration).toBeLessThan(0.55);
  }, 60_000);

  it("draws a PDF's page 2 after Next page", async () => {
    const shown = await show(library(), new File([pdfOfPages(TWO_PAGES)], 'two.pdf'));
    const page = (number: number) =>
      vi.waitFor(
        () => {
          const image = shown.querySelector<HTMLImageElement>(`img[alt="Page ${number} of 2"]`);
          if (!image) throw new Error(`page ${number} not drawn yet`);
          return image;
        },
        { timeout: 40_000, interval: 100 },
      );
    const first = await pixels(await page(1));
    const next = [...shown.querySelectorAll('button')].find((b) => b.textContent === 'Next page');
    expect(next?.disabled).toBe(false);
    next?.click();
    const second = await pixels(await page(2));
    expect(shown.textContent).toContain('Page 2 of 2');
    expect(second).not.toEqual(first);
    // Page 2 is red all over; page 1 is mostly white.
    expect(second.slice(0, 3)).toEqual([255, 0, 0]);
    expect(first.slice(-4, -1)).toEqual([255, 255, 255]);
  }, 90_000);
});
