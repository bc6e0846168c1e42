// @vitest-environment happy-dom
// Which view and which actions each kind of asset gets in its details: players for video and
// audio, pages for a PDF, plain text for text, and the image-only actions on images alone.
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MediaAsset, MediaLibrary } from '../core/index';
import { AssetDetailsPanel } from './asset-details-panel';
import { AssetFacts } from './asset-facts';
import { AssetPreview, assetPreviewKind, TEXT_PREVIEW_BYTES } from './asset-preview';
import { closeLibraries, createTestLibrary, pngFile, renderPreset } from './test-utils';

// This DOM plays nothing: reading a video's or a sound's metadata would only wait out a timer.
vi.mock('../core/import/measure', async (original) => {
  const real = await original<typeof import('../core/import/measure')>();
  return {
    ...real,
    probeMedia: (async (blob, kind, ...rest) =>
      kind === 'video' || kind === 'audio'
        ? { measured: {} }
        : real.probeMedia(blob, kind, ...rest)) satisfies typeof real.probeMedia,
  };
});

afterEach(() => {
  cleanup();
  closeLibraries();
});

const ascii = (text: string) => new TextEncoder().encode(text);

function mp4(name: string): File {
  const bytes = new Uint8Array(64);
  bytes.set([0, 0, 0, 24], 0);
  bytes.set(ascii('ftypisom'), 4);
  return new File([bytes], name, { type: 'video/mp4' });
}

function wav(name: string): File {
  const bytes = new Uint8Array(64);
  bytes.set(ascii('RIFF'), 0);
  bytes.set(ascii('WAVEfmt '), 8);
  return new File([bytes], name, { type: 'audio/wav' });
}

const pdfFile = (name: string) =>
  new File(['%PDF-1.4\n%%EOF\n'], name, { type: 'application/pdf' });

async function importOne(library: MediaLibrary, file: File): Promise<MediaAsset> {
  await library.ready;
  const [result] = await library.importFiles([file]);
  if (result?.status !== 'imported') throw new Error(`${file.name} was not imported`);
  return result.asset;
}

describe('assetPreviewKind', () => {
  const asset = (kind: MediaAsset['kind'], mimeType: string, unreadable?: boolean) =>
    ({ kind, mimeType, ...(unreadable ? { unreadable } : {}) }) as MediaAsset;

  it('gives each kind its own view and damaged or unknown files none', () => {
    expect(assetPreviewKind(asset('image', 'image/png'))).toBe('image');
    expect(assetPreviewKind(asset('video', 'video/mp4'))).toBe('video');
    expect(assetPreviewKind(asset('audio', 'audio/wav'))).toBe('audio');
    expect(assetPreviewKind(asset('document', 'application/pdf'))).toBe('pdf');
    expect(assetPreviewKind(asset('text', 'text/markdown'))).toBe('text');
    expect(assetPreviewKind(asset('text', 'application/json'))).toBe('text');
    expect(assetPreviewKind(asset('document', 'application/msword'))).toBe('thumbnail');
    expect(assetPreviewKind(asset('other', 'application/octet-stream'))).toBe('thumbnail');
    expect(assetPreviewKind(asset('video', 'video/mp4', true))).toBe('thumbnail');
  });
});

describe('AssetPreview', { timeout: 20_000 }, () => {
  it('plays a video over an inert URL of its original, with controls', async () => {
    const library = createTestLibrary();
    const asset = await importOne(library, mp4('clip.mp4'));
    const { container } = renderPreset(<AssetPreview asset={asset} />, { library });
    const video = await waitFor(() => {
      const found = container.querySelector('video');
      if (!found) throw new Error('no video yet');
      return found;
    });
    expect(video.hasAttribute('controls')).toBe(true);
    expect(video.getAttribute('preload')).toBe('metadata');
    expect(video.getAttribute('src')).toMatch(/^blob:/);
    expect(container.querySelector('audio')).toBeNull();
  });

  it('plays audio with controls', async () => {
    const library = createTestLibrary();
    const asset = await importOne(library, wav('tone.wav'));
    const { container } = renderPreset(<AssetPreview asset={asset} />, { library });
    await waitFor(() => expect(container.querySelector('audio[controls]')).not.toBeNull());
    expect(container.querySelector('audio')?.getAttribute('src')).toMatch(/^blob:/);
    expect(container.querySelector('video')).toBeNull();
  });

  it('shows a PDF page by page, starting on page 1', async () => {
    const library = createTestLibrary();
    const asset = await importOne(library, pdfFile('report.pdf'));
    renderPreset(<AssetPreview asset={asset} />, { library });
    expect(await screen.findByText(/^Page 1 of \d+$/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Previous page' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Next page' })).toBeTruthy();
  });

  it('shows text as text, never as markup', async () => {
    const library = createTestLibrary();
    const source = '# Notes\n\n<b id="bold">not bold</b>\n';
    const asset = await importOne(
      library,
      new File([source], 'notes.md', { type: 'text/markdown' }),
    );
    const { container } = renderPreset(<AssetPreview asset={asset} />, { library });
    const pre = await waitFor(() => {
      const found = container.querySelector('pre');
      if (!found?.textContent) throw new Error('no text yet');
      return found;
    });
    expect(pre.textContent).toBe(source);
    expect(container.querySelector('#bold')).toBeNull();
    expect(screen.queryByText('Showing the first 64 KB')).toBeNull();
  });

  it('cuts a long text file at 64 KB and says so', async () => {
    const library = createTestLibrary();
    const line = 'id,name,value\n';
    const body = line.repeat(Math.ceil((TEXT_PREVIEW_BYTES * 2) / line.length));
    const asset = await importOne(library, new File([body], 'big.csv', { type: 'text/csv' }));
    const { container } = renderPreset(<AssetPreview asset={asset} />, { library });
    expect(await screen.findByText('Showing the first 64 KB')).toBeTruthy();
    expect(container.querySelector('pre')?.textContent).toBe(body.slice(0, TEXT_PREVIEW_BYTES));
  });
});

describe('Details actions by kind', { timeout: 20_000 }, () => {
  it('offers Alt text and Copy image for an image', async () => {
    const library = createTestLibrary();
    const asset = await importOne(library, pngFile(3, 'fox.png'));
    renderPreset(<AssetDetailsPanel assetId={asset.id} onClose={() => {}} collections={[]} />, {
      library,
    });
    expect(screen.getByRole('textbox', { name: /Alt text/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy image' })).toBeTruthy();
  });

  for (const [kind, file] of [
    ['video', () => mp4('clip.mp4')],
    ['audio', () => wav('tone.wav')],
    ['PDF', () => pdfFile('report.pdf')],
    ['text', () => new File(['hello'], 'hello.txt', { type: 'text/plain' })],
  ] as const) {
    it(`leaves out the image-only actions for ${kind}`, async () => {
      const library = createTestLibrary();
      const asset = await importOne(library, file());
      renderPreset(<AssetDetailsPanel assetId={asset.id} onClose={() => {}} collections={[]} />, {
        library,
      });
      expect(screen.getByRole('textbox', { name: 'Title' })).toBeTruthy();
      expect(screen.getByRole('button', { name: 'Download' })).toBeTruthy();
      expect(screen.queryByRole('textbox', { name: /Alt text/ })).toBeNull();
      expect(screen.queryByRole('button', { name: 'Copy image' })).toBeNull();
    });
  }
});

describe('AssetFacts by kind', () => {
  it("lists a PDF's pages, and no pages for a file without them", async () => {
    const library = createTestLibrary();
    const asset = await importOne(library, pdfFile('report.pdf'));
    renderPreset(<AssetFacts asset={{ ...asset, pageCount: 12 }} />, { library });
    expect(screen.getByText('Pages').closest('tr')?.textContent).toBe('Pages12');
    cleanup();
    renderPreset(<AssetFacts asset={asset} />, { library });
    expect(screen.getByText('Name').closest('tr')?.textContent).toBe('Namereport.pdf');
    expect(screen.queryByText('Pages')).toBeNull();
  });
});
