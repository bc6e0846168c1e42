// How fast the import storage path (sniff + SHA-256 + OPFS blob store) writes a batch of
// images in Chromium, against a raw OPFS write and idb-keyval Blobs of the same bytes.
import { createStore, clear as idbClear, set as idbSet } from 'idb-keyval';
import { expect, it } from 'vitest';
import { sha256Hex } from '../../packages/media-library/src/core/import/hash';
import { SNIFF_BYTES, sniffType } from '../../packages/media-library/src/core/import/sniff';
import { createOpfsBlobStore } from '../../packages/media-library/src/core/storage/opfs-blob-store';
import type { BlobStore } from '../../packages/media-library/src/core/types';
import { type BenchRow, compare, percentile } from '../lib/report';
import { writeResults } from '../lib/write-browser';

const COUNT = 500;
const MIN_BYTES = 50 * 1024;
const MAX_BYTES = 2 * 1024 * 1024;
const ROUNDS = 7;

/** Tiny real images of each format, used as the head of each generated blob. */
async function imageHeads(): Promise<Uint8Array<ArrayBuffer>[]> {
  const canvas = new OffscreenCanvas(32, 32);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#c44';
  context.fillRect(0, 0, 16, 16);
  return Promise.all(
    ['image/png', 'image/jpeg', 'image/webp'].map(
      async (type) => new Uint8Array(await (await canvas.convertToBlob({ type })).arrayBuffer()),
    ),
  );
}

/**
 * COUNT image blobs, sizes log-uniform in [MIN_BYTES, MAX_BYTES]: a real PNG/JPEG/WebP head,
 * then random (incompressible, like pixel data) bytes from one shared pool at varied offsets.
 */
async function makeBlobs(): Promise<Blob[]> {
  const heads = await imageHeads();
  const pool = new Uint8Array(MAX_BYTES * 2);
  for (let offset = 0; offset < pool.length; offset += 65_536) {
    crypto.getRandomValues(pool.subarray(offset, offset + 65_536));
  }
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  return Array.from({ length: COUNT }, (_, i) => {
    const size = Math.round(MIN_BYTES * (MAX_BYTES / MIN_BYTES) ** random());
    const head = heads[i % heads.length]!;
    const start = Math.floor(random() * (pool.length - size));
    return new Blob([head, pool.subarray(start, start + size - head.length)]);
  });
}

type Dir = FileSystemDirectoryHandle & { keys(): AsyncIterableIterator<string> };

async function emptyDirectory(name: string): Promise<Dir> {
  const root = await navigator.storage.getDirectory();
  await root.removeEntry(name, { recursive: true }).catch(() => {});
  return (await root.getDirectoryHandle(name, { create: true })) as Dir;
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** Runs `fn` over the blobs with `width` of them in flight at once. */
async function inFlight(width: number, fn: (blob: Blob, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < blobs.length) {
        const index = next++;
        await fn(blobs[index]!, index);
      }
    }),
  );
}

let blobs: Blob[] = [];

async function rawWrite(dir: Dir, name: string, blob: Blob): Promise<void> {
  const handle = await dir.getFileHandle(name, { create: true });
  const writable = await handle.createWritable();
  await writable.write(blob);
  await writable.close();
}

/**
 * What the import pipeline does per file before the record is written, minus thumbnails. The
 * blob key does not depend on the bytes, so the write starts at once and the sniff and the
 * hash run while it is in flight.
 */
async function storagePath(store: BlobStore, blob: Blob, index: number): Promise<boolean> {
  const written = store.put(`asset-${index}`, blob);
  const head = new Uint8Array(await blob.slice(0, SNIFF_BYTES).arrayBuffer());
  const { kind } = sniffType(head);
  await Promise.all([sha256Hex(blob), written]);
  return kind === 'image';
}

/** The same steps one after another, in the order the library's import runs them today. */
async function serialPath(store: BlobStore, blob: Blob, index: number): Promise<void> {
  sniffType(new Uint8Array(await blob.slice(0, SNIFF_BYTES).arrayBuffer()));
  await sha256Hex(blob);
  await store.put(`asset-${index}`, blob);
}

it('import storage path vs raw OPFS and idb-keyval', async () => {
  blobs = await makeBlobs();
  const megabytes = blobs.reduce((sum, blob) => sum + blob.size, 0) / 1024 / 1024;
  const keyval = createStore('bench-import-storage', 'blobs');
  let sniffedImages = 0;

  const contenders = {
    raw: async () => {
      const dir = await emptyDirectory('bench-raw');
      return timed(() => inFlight(1, (blob, i) => rawWrite(dir, `f${i}`, blob)));
    },
    path: async () => {
      await emptyDirectory('bench-store');
      const store = createOpfsBlobStore('bench-store');
      sniffedImages = 0;
      return timed(() =>
        inFlight(1, async (blob, i) => {
          if (await storagePath(store, blob, i)) sniffedImages++;
        }),
      );
    },
    serial: async () => {
      await emptyDirectory('bench-store');
      const store = createOpfsBlobStore('bench-store');
      return timed(() => inFlight(1, (blob, i) => serialPath(store, blob, i)));
    },
    putOnly: async () => {
      await emptyDirectory('bench-store');
      const store = createOpfsBlobStore('bench-store');
      return timed(() => inFlight(1, (blob, i) => store.put(`asset-${i}`, blob)));
    },
    keyval: async () => {
      await idbClear(keyval);
      return timed(() => inFlight(1, (blob, i) => idbSet(`asset-${i}`, blob, keyval)));
    },
    raw2: async () => {
      const dir = await emptyDirectory('bench-raw');
      return timed(() => inFlight(2, (blob, i) => rawWrite(dir, `f${i}`, blob)));
    },
    path2: async () => {
      await emptyDirectory('bench-store');
      const store = createOpfsBlobStore('bench-store');
      return timed(() => inFlight(2, async (blob, i) => void (await storagePath(store, blob, i))));
    },
  };
  type Name = keyof typeof contenders;
  const times = Object.fromEntries(
    Object.keys(contenders).map((n) => [n, [] as number[]]),
  ) as Record<Name, number[]>;

  // Each round runs every contender once, in a shuffled order, so drift and whatever else the
  // machine is doing hit them alike. Round 0 warms up and is not counted.
  for (let round = 0; round <= ROUNDS; round++) {
    const order = (Object.keys(contenders) as Name[]).sort(() => Math.random() - 0.5);
    const line: string[] = [];
    for (const name of order) {
      const ms = await contenders[name]();
      if (round > 0) times[name].push(ms);
      line.push(`${name} ${ms.toFixed(0)}`);
    }
    console.log(`round ${round}: ${line.join(', ')} (ms)`);
  }
  const root = await navigator.storage.getDirectory();
  await root.removeEntry('bench-raw', { recursive: true });
  await root.removeEntry('bench-store', { recursive: true });
  await idbClear(keyval);

  const median = (name: Name) => percentile(times[name], 50);
  const note = `${COUNT} blobs, ${megabytes.toFixed(0)} MB (50 KB–2 MB), median of ${ROUNDS} shuffled rounds, ${navigator.hardwareConcurrency} cores`;
  const target = { text: '≥ 0.8×', minRatio: 0.8 };
  const name = `${COUNT} images: sniff + SHA-256 + OPFS store`;
  const rows: BenchRow[] = [
    {
      ...compare(
        name,
        median('path'),
        'ms',
        { name: 'raw OPFS write', value: median('raw') },
        target,
      ),
      note: `one file at a time; ${note}`,
    },
    {
      ...compare(
        `${name}, 2 files in flight`,
        median('path2'),
        'ms',
        {
          name: 'raw OPFS write, 2 in flight',
          value: median('raw2'),
        },
        target,
      ),
      note,
    },
    {
      ...compare(name, median('path'), 'ms', {
        name: 'idb-keyval set(Blob)',
        value: median('keyval'),
      }),
      note: `one file at a time; ${note}`,
    },
    {
      ...compare(`${name}, one step after another`, median('serial'), 'ms', {
        name: 'raw OPFS write',
        value: median('raw'),
      }),
      note: 'sniff, then hash, then write, as library-import.ts orders them',
    },
    {
      ...compare(`${COUNT} images: OPFS store put only`, median('putOnly'), 'ms', {
        name: 'raw OPFS write',
        value: median('raw'),
      }),
      note: 'no hash, no sniff',
    },
    {
      name: 'storage path throughput',
      value: megabytes / (median('path') / 1000),
      unit: 'MB/s',
      note,
    },
  ];
  await writeResults('import-storage', rows);
  // Sanity, not speed: every blob was recognised as an image.
  expect(sniffedImages).toBe(COUNT);
});
