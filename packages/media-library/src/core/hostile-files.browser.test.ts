// Hostile files in real Chromium: SVG with script, handlers, foreignObject HTML and javascript:
// links, an HTML and an XHTML page, an SVG posing as a PNG. Every URL the library hands out for
// them (thumbnail, original, the download's) is opened as a same-origin document, and none may
// run the payload; the same payload in a plain blob URL does, so the check can fail.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { downloadAsset } from '../mantine/download';
import { libraryDbName } from './db';
import { createMediaLibrary, type MediaLibraryInstance } from './library';
import { isInertMimeType } from './object-url-cache';
import { createMemoryBlobStore } from './storage/memory-blob-store';
import type { AssetVariant } from './types';

declare global {
  interface Window {
    /** Labels of the payloads that ran; a hostile document pushes onto its parent's. */
    __hostile?: string[];
  }
}

/** Marks `label` as run on the parent window and in this origin's localStorage. */
const payload = (label: string) =>
  `(parent.__hostile = parent.__hostile || []).push('${label}');` +
  `localStorage.setItem('hostile-${label}', '1')`;

const SVG = 'xmlns="http://www.w3.org/2000/svg" width="40" height="30"';
const rect = '<rect width="40" height="30" fill="teal"/>';

const hostile: Array<{ label: string; file: File }> = [
  {
    label: 'svg-script',
    file: svgFile(
      'svg-script.svg',
      `<svg ${SVG}><script>${payload('svg-script')}</script>${rect}</svg>`,
    ),
  },
  {
    label: 'svg-onload',
    file: svgFile('svg-onload.svg', `<svg ${SVG} onload="${payload('svg-onload')}">${rect}</svg>`),
  },
  {
    label: 'svg-foreign',
    file: svgFile(
      'svg-foreign.svg',
      `<svg ${SVG}>${rect}<foreignObject width="40" height="30">` +
        `<body xmlns="http://www.w3.org/1999/xhtml"><script>${payload('svg-foreign')}</script>` +
        `<img src="x:nothing" onerror="${payload('svg-foreign-img')}"/></body>` +
        '</foreignObject></svg>',
    ),
  },
  {
    label: 'svg-link',
    file: svgFile(
      'svg-link.svg',
      `<svg ${SVG} xmlns:xlink="http://www.w3.org/1999/xlink">` +
        `<a href="javascript:${payload('svg-link')}" xlink:href="javascript:${payload('svg-link')}">` +
        `${rect}</a></svg>`,
    ),
  },
  {
    label: 'html',
    file: new File(
      [`<!doctype html><html><body><p>hi</p><script>${payload('html')}</script></body></html>`],
      'page.html',
      { type: 'text/html' },
    ),
  },
  {
    label: 'xhtml',
    file: new File(
      [
        '<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">' +
          `<body><script>${payload('xhtml')}</script></body></html>`,
      ],
      'page.xhtml',
      { type: 'application/xhtml+xml' },
    ),
  },
  {
    label: 'svg-as-png',
    file: new File(
      [
        `<svg ${SVG} onload="${payload('svg-as-png')}"><script>${payload('svg-as-png')}</script>${rect}</svg>`,
      ],
      'photo.png',
      { type: 'image/png' },
    ),
  },
];

function svgFile(name: string, text: string): File {
  return new File([text], name, { type: 'image/svg+xml' });
}

const frames: HTMLIFrameElement[] = [];
const open: MediaLibraryInstance[] = [];
const databases: string[] = [];

afterEach(async () => {
  vi.restoreAllMocks();
  for (const frame of frames.splice(0)) frame.remove();
  for (const library of open.splice(0)) library.close();
  for (const name of databases.splice(0)) {
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(libraryDbName(name));
      request.onsuccess = request.onerror = request.onblocked = resolve;
    });
  }
  window.__hostile = undefined;
  for (const key of Object.keys(localStorage)) {
    if (key.startsWith('hostile-')) localStorage.removeItem(key);
  }
});

function library(): MediaLibraryInstance {
  const name = `hostile-${crypto.randomUUID()}`;
  databases.push(name);
  const opened = createMediaLibrary({ name, blobStore: createMemoryBlobStore(), broadcast: false });
  open.push(opened);
  return opened;
}

/** Opens `url` in a same-origin iframe and resolves once its document has loaded. */
async function openAsDocument(url: string): Promise<Document> {
  const frame = document.createElement('iframe');
  frames.push(frame);
  const loaded = new Promise<void>((resolve) => {
    frame.addEventListener('load', () => resolve(), { once: true });
  });
  frame.src = url;
  document.body.append(frame);
  await loaded;
  const doc = frame.contentDocument;
  if (!doc) throw new Error(`The document of ${url} is not readable from this origin.`);
  // Links only run when followed: follow every one the document has.
  for (const link of doc.querySelectorAll('a')) link.dispatchEvent(new MouseEvent('click'));
  return doc;
}

/** What ran: the labels pushed on this window and the keys written to localStorage. */
function ran(): string[] {
  const stored = Object.keys(localStorage).filter((key) => key.startsWith('hostile-'));
  return [...(window.__hostile ?? []), ...stored];
}

describe('hostile files', () => {
  it('runs the payload when it is opened from a plain blob URL (the check can fail)', async () => {
    for (const { label, file } of hostile.filter((h) => h.label !== 'svg-link')) {
      const type = file.type === 'image/png' ? 'image/svg+xml' : file.type;
      const url = URL.createObjectURL(new Blob([file], { type }));
      try {
        const doc = await openAsDocument(url);
        expect(isInertMimeType(doc.contentType)).toBe(false);
        expect(ran(), label).toContain(label);
      } finally {
        URL.revokeObjectURL(url);
      }
    }
    const link = hostile.find((h) => h.label === 'svg-link')!.file;
    const url = URL.createObjectURL(link);
    await openAsDocument(url);
    // A followed javascript: link runs in a task of its own.
    await vi.waitFor(() => expect(ran()).toContain('svg-link'));
    URL.revokeObjectURL(url);
  });

  it('hands out no URL, thumbnail, original or download, that runs them as a document', async () => {
    const lib = library();
    await lib.ready;
    const results = await lib.importFiles(hostile.map((h) => h.file));
    const opened: string[] = [];
    for (const [index, result] of results.entries()) {
      const { label, file } = hostile[index]!;
      expect(result.status, label).toBe('imported');
      if (result.status !== 'imported') continue;
      const asset = result.asset;
      // The type is the bytes' own: the SVG posing as a PNG is stored as an SVG.
      expect(isInertMimeType(asset.mimeType), `${label}: ${asset.mimeType}`).toBe(false);
      for (const variant of ['thumbnail', 'original'] as AssetVariant[]) {
        const svg = asset.mimeType === 'image/svg+xml';
        // Markup that is no image has no thumbnail: no URL to open.
        if (variant === 'thumbnail' && !svg) {
          await expect(lib.urls.acquire(asset.id, variant)).rejects.toThrow();
          continue;
        }
        const handle = await lib.urls.acquire(asset.id, variant);
        const doc = await openAsDocument(handle.url);
        expect(isInertMimeType(doc.contentType), `${label} ${variant}: ${doc.contentType}`).toBe(
          true,
        );
        expect(doc.querySelectorAll('script, a, foreignObject, svg').length).toBe(0);
        opened.push(`${label} ${variant} ${doc.contentType}`);
        handle.release();
      }

      // The download: the original bytes, under a URL that is just as inert.
      const minted: Array<{ blob: Blob; url: string }> = [];
      const create = URL.createObjectURL.bind(URL);
      vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
        const url = create(blob as Blob);
        minted.push({ blob: blob as Blob, url });
        return url;
      });
      vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
      vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
      await downloadAsset(lib, asset.id);
      vi.restoreAllMocks();
      expect(minted).toHaveLength(1);
      const saved = minted[0]!;
      expect(new Uint8Array(await saved.blob.arrayBuffer())).toEqual(
        new Uint8Array(await file.arrayBuffer()),
      );
      expect(isInertMimeType(saved.blob.type), saved.blob.type).toBe(true);
      const doc = await openAsDocument(saved.url);
      expect(isInertMimeType(doc.contentType), `${label} download: ${doc.contentType}`).toBe(true);
      expect(doc.querySelectorAll('script, a, foreignObject, svg').length).toBe(0);
      opened.push(`${label} download ${doc.contentType}`);
      URL.revokeObjectURL(saved.url);
    }
    expect(ran()).toEqual([]);
    // Every original and download opened, as text; each SVG's thumbnail, as a raster image.
    expect(opened.filter((line) => line.endsWith(' original text/plain'))).toHaveLength(7);
    expect(opened.filter((line) => line.endsWith(' download text/plain'))).toHaveLength(7);
    expect(opened.filter((line) => / thumbnail image\/(webp|png)$/.test(line))).toHaveLength(5);
  });
});
