// What a user's import costs in Chromium: the real library (`createMediaLibrary` +
// `importFiles`) over 500 real, decodable images, against writing the same bytes raw to OPFS
// (storage path, no thumbnails) and against idb-keyval `set(Blob)` (full import, thumbnails on).
import { createStore, clear as idbClear, set as idbSet } from 'idb-keyval';
import { expect, it } from 'vitest';
import { createMediaLibrary } from '../../packages/media-library/src/core/library';
import { type BenchRow, compare, percentile } from '../lib/report';
import { writeResults } from '../lib/write-browser';

const COUNT = 500;
const MIN_BYTES = 50 * 1024;
const MAX_BYTES = 2 * 1024 * 1024;
const ROUNDS = 5;
const TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

type Dir = FileSystemDirectoryHandle & { keys(): AsyncIterableIterator<string> };

/** Random pixels (incompressible, so encoded size follows pixel count) from one shared pool. */
function noisePool(bytes: number): Uint8ClampedArray<ArrayBuffer> {
  const pool = new Uint8ClampedArray(bytes);
  for (let offset = 0; offset < pool.length; offset += 65_536) {
    crypto.getRandomValues(pool.subarray(offset, offset + 65_536));
  }
  return pool;
}

/**
 * COUNT real images, encoded sizes log-uniform over ~50 KB–2 MB, a third each PNG, JPEG and
 * WebP. Each is a noise image (a different window of one random pool, opaque) under a colour
 * gradient, so every file has distinct bytes and decodes for thumbnails. The side length for a
 * wished size comes from each format's bytes per pixel, measured once on a 256×256 sample.
 */
async function makeImages(): Promise<Blob[]> {
  const side = 256;
  const pool = noisePool(1600 * 1600 * 4 * 2);
  for (let i = 3; i < pool.length; i += 4) pool[i] = 255;
  const canvas = new OffscreenCanvas(side, side);
  const context = canvas.getContext('2d')!;
  const quality = 0.92;
  const paint = (width: number, height: number, offset: number, hue: number) => {
    canvas.width = width;
    canvas.height = height;
    const start = (offset * 4) % (pool.length - width * height * 4);
    context.putImageData(
      new ImageData(pool.subarray(start, start + width * height * 4), width, height),
      0,
      0,
    );
    const gradient = context.createLinearGradient(0, 0, width, height);
    gradient.addColorStop(0, `hsla(${hue}, 80%, 50%, 0.35)`);
    gradient.addColorStop(1, `hsla(${(hue + 120) % 360}, 80%, 50%, 0.35)`);
    context.fillStyle = gradient;
    context.fillRect(0, 0, width, height);
  };
  const bytesPerPixel = new Map<string, number>();
  for (const type of TYPES) {
    paint(side, side, 0, 0);
    bytesPerPixel.set(type, (await canvas.convertToBlob({ type, quality })).size / side ** 2);
  }
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const images: Blob[] = [];
  for (let i = 0; i < COUNT; i++) {
    const type = TYPES[i % TYPES.length]!;
    const wished = MIN_BYTES * (MAX_BYTES / MIN_BYTES) ** random();
    const pixels = wished / bytesPerPixel.get(type)!;
    const aspect = 0.6 + random() * 0.9; // portrait to landscape
    const width = Math.max(16, Math.round(Math.sqrt(pixels * aspect)));
    const height = Math.max(16, Math.round(pixels / width));
    paint(width, height, Math.floor(random() * 1e9), Math.floor(random() * 360));
    images.push(await canvas.convertToBlob({ type, quality }));
  }
  return images;
}

async function emptyDirectory(name: string): Promise<Dir> {
  const root = await navigator.storage.getDirectory();
  await root.removeEntry(name, { recursive: true }).catch(() => {});
  return (await root.getDirectoryHandle(name, { create: true })) as Dir;
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => resolve();
  });
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

let blobs: Blob[] = [];
let libraries = 0;

async function rawWrite(dir: Dir, name: string, blob: Blob): Promise<void> {
  const handle = await dir.getFileHandle(name, { create: true });
  const writable = await handle.createWritable();
  await writable.write(blob);
  await writable.close();
}

/**
 * One `importFiles` of every blob into a new library, timed from the call to its result. The
 * library is opened (database, OPFS directory, load) before and removed after, untimed.
 */
async function libraryImport(
  thumbnails: boolean,
): Promise<{ ms: number; imported: number; thumbnailed: number }> {
  const name = `bench-import-${Date.now()}-${libraries++}`;
  const library = createMediaLibrary(thumbnails ? { name } : { name, thumbnails: false });
  await library.ready;
  let results: Awaited<ReturnType<typeof library.importFiles>> = [];
  const ms = await timed(async () => {
    results = await library.importFiles(blobs);
  });
  await library.clear();
  library.close();
  const root = await navigator.storage.getDirectory();
  await root.removeEntry(`medialoft-${name}`, { recursive: true }).catch(() => {});
  await deleteDatabase(`medialoft:${name}`);
  // Images no larger than a thumbnail are their own thumbnail; every bigger one needs one.
  const missing = results.filter(
    (r) =>
      r.status === 'imported' &&
      Math.max(r.asset.width ?? 0, r.asset.height ?? 0) > 400 &&
      !r.asset.thumbnailKey,
  );
  if (thumbnails && missing.length > 0) {
    throw new Error(`${missing.length} imports larger than 400 px have no thumbnail`);
  }
  return {
    ms,
    imported: results.filter((r) => r.status === 'imported').length,
    thumbnailed: results.filter((r) => r.status === 'imported' && r.asset.thumbnailKey).length,
  };
}

it('import: the library vs raw OPFS and idb-keyval', async () => {
  const generationStarted = performance.now();
  blobs = await makeImages();
  const generationMs = performance.now() - generationStarted;
  const megabytes = blobs.reduce((sum, blob) => sum + blob.size, 0) / 1024 / 1024;
  const sizes = blobs.map((blob) => blob.size);
  console.log(
    `${COUNT} images, ${megabytes.toFixed(0)} MB, ${(Math.min(...sizes) / 1024).toFixed(0)} KB–` +
      `${(Math.max(...sizes) / 1024 / 1024).toFixed(2)} MB, made in ${(generationMs / 1000).toFixed(1)} s`,
  );
  const keyval = createStore('bench-import-storage', 'blobs');
  const imported: number[] = [];
  let thumbnailed = 0;

  const contenders = {
    raw: async () => {
      const dir = await emptyDirectory('bench-raw');
      const ms = await timed(async () => {
        for (const [i, blob] of blobs.entries()) await rawWrite(dir, `f${i}`, blob);
      });
      await emptyDirectory('bench-raw');
      return ms;
    },
    // The same writes six at a time, as importFiles does: what overlapping alone gives.
    rawLanes: async () => {
      const dir = await emptyDirectory('bench-raw');
      let next = 0;
      const lane = async () => {
        for (let i = next++; i < blobs.length; i = next++) await rawWrite(dir, `f${i}`, blobs[i]!);
      };
      const ms = await timed(async () => {
        await Promise.all(Array.from({ length: 6 }, lane));
      });
      await emptyDirectory('bench-raw');
      return ms;
    },
    keyval: async () => {
      await idbClear(keyval);
      const ms = await timed(async () => {
        for (const [i, blob] of blobs.entries()) await idbSet(`asset-${i}`, blob, keyval);
      });
      await idbClear(keyval);
      return ms;
    },
    storage: async () => {
      const { ms, imported: count } = await libraryImport(false);
      imported.push(count);
      return ms;
    },
    full: async () => {
      const result = await libraryImport(true);
      imported.push(result.imported);
      thumbnailed = result.thumbnailed;
      return result.ms;
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
  await idbClear(keyval);

  const median = (name: Name) => percentile(times[name], 50);
  const note =
    `${COUNT} PNG/JPEG/WebP noise+gradient images from OffscreenCanvas, ${megabytes.toFixed(0)} MB ` +
    `(${(Math.min(...sizes) / 1024).toFixed(0)} KB–${(Math.max(...sizes) / 1024 / 1024).toFixed(1)} MB), ` +
    `the raw write one file at a time (importFiles writes up to 6 at once), median of ${ROUNDS} shuffled rounds, ${navigator.hardwareConcurrency} cores`;
  const rows: BenchRow[] = [
    {
      ...compare(
        `${COUNT} images: importFiles, no thumbnails`,
        median('storage'),
        'ms',
        { name: 'raw OPFS write', value: median('raw') },
        { text: '≥ 0.8×', minRatio: 0.8 },
      ),
      note: `sniff, SHA-256, dedupe, measure, OPFS, records; ${note}`,
    },
    {
      ...compare(`${COUNT} images: importFiles, no thumbnails`, median('storage'), 'ms', {
        name: 'raw OPFS write, 6 at a time',
        value: median('rawLanes'),
      }),
      note: 'the same import against raw writes overlapped as importFiles overlaps them',
    },
    {
      ...compare(`${COUNT} images: importFiles, with thumbnails`, median('full'), 'ms', {
        name: 'idb-keyval set(Blob)',
        value: median('keyval'),
      }),
      note: `as above plus a ≤ 400 px WebP thumbnail for the ${thumbnailed} images larger than that; ${note}`,
    },
    {
      ...compare(`${COUNT} images: idb-keyval set(Blob)`, median('keyval'), 'ms', {
        name: 'raw OPFS write',
        value: median('raw'),
      }),
      note: 'how the two baselines compare',
    },
    {
      name: 'importFiles throughput, no thumbnails',
      value: megabytes / (median('storage') / 1000),
      unit: 'MB/s',
    },
  ];
  await writeResults('import-storage', rows);
  // Sanity, not speed: every import kept all COUNT distinct images.
  expect(imported.every((count) => count === COUNT)).toBe(true);
});
