// Library archives at 1 GB in Chromium: 250 files of 4 MB of random bytes stored in OPFS
// through the library, exported (`saveLibraryArchive`, as a person's export is saved, into a
// writable that counts the bytes) and imported
// into a fresh library (`importArchive`), each against a bare streaming zip of the same stored
// files in the same run (fflate's `Zip` + `ZipPassThrough`), with the page's peak JS heap
// while each runs. The bench config starts Chromium with --enable-precise-memory-info, so
// `performance.memory` is exact, and --expose-gc, so each phase starts from a collected heap.
import { expect, it } from 'vitest';
// fflate is the media library's dependency, not the workspace root's: reached through it.
import {
  Zip,
  ZipPassThrough,
} from '../../packages/media-library/node_modules/fflate/esm/browser.js';
import { saveLibraryArchive } from '../../packages/media-library/src/core/archive/save-archive';
import {
  createMediaLibrary,
  type MediaLibraryInstance,
} from '../../packages/media-library/src/core/library';
import { opfsDirectoryName } from '../../packages/media-library/src/core/storage/default-blob-store';
import { type BenchRow, compare } from '../lib/report';
import { writeResults } from '../lib/write-browser';

/** VITE_ARCHIVE_BENCH_FILES=25 makes a quick 100 MB run of the same bench. */
const FILES = Number(import.meta.env.VITE_ARCHIVE_BENCH_FILES ?? 250);
const FILE_BYTES = 4 * 1024 * 1024;
const MB = 1024 * 1024;
const HEAP_LIMIT_MB = 100;

const memory = () =>
  (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
const collect = () => (globalThis as { gc?: () => void }).gc?.();

/** The peak of `performance.memory.usedJSHeapSize` while `run` runs, sampled every 10 ms and on `sample()`. */
async function withPeakHeap<T>(
  run: (sample: () => number) => Promise<T>,
): Promise<{ result: T; peakMB: number; startMB: number; ms: number }> {
  // Twice, a moment apart: array buffers freed by the first are released before the second.
  collect();
  await new Promise((resolve) => setTimeout(resolve, 200));
  collect();
  const start = memory();
  let peak = start;
  const sample = () => {
    peak = Math.max(peak, memory());
    return peak / MB;
  };
  const timer = setInterval(sample, 10);
  const started = performance.now();
  try {
    const result = await run(sample);
    const ms = performance.now() - started;
    sample();
    return { result, peakMB: peak / MB, startMB: start / MB, ms };
  } finally {
    clearInterval(timer);
  }
}

/** A sink that counts what it is given, and samples the heap as chunks arrive. */
function countingSink(sample: () => void): {
  stream: WritableStream<Uint8Array>;
  bytes: () => number;
} {
  let bytes = 0;
  return {
    stream: new WritableStream<Uint8Array>({
      write(chunk) {
        bytes += chunk.length;
        sample();
      },
    }),
    bytes: () => bytes,
  };
}

function randomFile(index: number): File {
  const data = new Uint8Array(FILE_BYTES);
  for (let offset = 0; offset < data.length; offset += 65_536) {
    crypto.getRandomValues(data.subarray(offset, offset + 65_536));
  }
  return new File([data], `random-${String(index).padStart(3, '0')}.bin`);
}

function openLibrary(name: string): MediaLibraryInstance {
  return createMediaLibrary({ name, thumbnails: false, broadcast: false });
}

async function remove(library: MediaLibraryInstance): Promise<void> {
  await library.clear().catch(() => undefined);
  library.close();
  const root = await navigator.storage.getDirectory();
  await root.removeEntry(opfsDirectoryName(library.name), { recursive: true }).catch(() => {});
}

/** The stored files through fflate's streaming zip (stored entries), into `sink`. */
async function bareZip(
  files: Array<{ name: string; blob: Blob }>,
  sink: WritableStream<Uint8Array>,
): Promise<void> {
  const writer = sink.getWriter();
  let pending = Promise.resolve();
  let failure: unknown;
  const zip = new Zip((error, chunk, final) => {
    if (error) failure = error;
    else pending = pending.then(() => writer.write(chunk));
    if (final) pending = pending.then(() => writer.close());
  });
  for (const { name, blob } of files) {
    const entry = new ZipPassThrough(name);
    zip.add(entry);
    const reader = blob.stream().getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      entry.push(value);
      // The sink's pace, as a real writable's would be.
      await pending;
    }
    entry.push(new Uint8Array(0), true);
  }
  zip.end();
  await pending;
  if (failure) throw failure;
}

it('exports and imports a 1 GB library archive', async () => {
  const stamp = Date.now();
  const source = openLibrary(`archive-bench-${stamp}`);
  const target = openLibrary(`archive-bench-restored-${stamp}`);
  try {
    await Promise.all([source.ready, target.ready]);
    const filled = performance.now();
    for (let start = 0; start < FILES; start += 5) {
      const batch = Array.from({ length: Math.min(5, FILES - start) }, (_, i) =>
        randomFile(start + i),
      );
      if (start % 50 === 0) console.log(`archive bench: storing files ${start}–${start + 49}`);
      await source.importFiles(batch).catch(async (error) => {
        const { usage, quota } = await navigator.storage.estimate();
        throw new Error(
          `Filling the library failed after ${start} files (usage ${usage}, quota ${quota})`,
          { cause: error },
        );
      });
    }
    const fillSeconds = (performance.now() - filled) / 1000;
    const stored = await Promise.all(
      source.query({ limit: FILES }).items.map(async (asset) => ({
        name: `assets/${asset.sha256}.bin`,
        blob: (await source.getBlob(asset.id)) as Blob,
      })),
    );
    const storedBytes = stored.reduce((sum, file) => sum + file.blob.size, 0);
    expect(storedBytes).toBe(FILES * FILE_BYTES);

    console.log('archive bench: bare zip');
    const bare = await withPeakHeap(async (sample) => {
      const sink = countingSink(sample);
      await bareZip(stored, sink.stream);
      return sink.bytes();
    });
    console.log('archive bench: export');
    let readingPeakMB = 0;
    const exported = await withPeakHeap(async (sample) => {
      // The save path a person's export takes, into a handle whose writable counts the bytes.
      const sink = countingSink(sample);
      const handle = {
        name: 'counted.zip',
        createWritable: async () => sink.stream,
      } as unknown as FileSystemFileHandle;
      const saved = await saveLibraryArchive(source, {
        fileHandle: handle,
        onProgress: (p) => {
          if (p.bytesDone % (100 * MB) < 4 * MB) {
            console.log(`archive bench: ${p.phase} ${(p.bytesDone / MB).toFixed(0)} MB`);
          }
          const peak = sample();
          if (p.phase === 'reading') readingPeakMB = peak;
        },
      });
      expect(sink.bytes()).toBe(saved.bytes);
      return saved;
    });
    // The same archive again (made in no time: its parts are the stored files), to import.
    const archive = await source.exportArchive();
    expect(archive.size).toBe(exported.result.bytes);
    console.log('archive bench: import');
    const imported = await withPeakHeap(async (sample) =>
      target.importArchive(archive, { onProgress: sample }),
    );
    expect(imported.result.assets.filter((a) => a.status === 'imported')).toHaveLength(FILES);

    const gcNote = typeof (globalThis as { gc?: unknown }).gc === 'function' ? ', after a GC' : '';
    const mbps = (bytes: number, ms: number) => bytes / MB / (ms / 1000);
    const bareRate = { name: 'fflate Zip + ZipPassThrough', value: mbps(bare.result, bare.ms) };
    const size = `${(archive.size / MB).toFixed(0)} MB archive of ${FILES} files`;
    const heapRow = (
      name: string,
      { peakMB, startMB }: { peakMB: number; startMB: number },
    ): BenchRow => ({
      name,
      value: peakMB,
      note: `${startMB.toFixed(1)} MB at its start${gcNote} (bare zip: ${bare.startMB.toFixed(1)} MB)`,
      unit: 'MB',
      baseline: { name: 'fflate Zip + ZipPassThrough', value: bare.peakMB },
      // Less heap is better: ≥ 1 means no more than the bare zip.
      ratio: bare.peakMB / peakMB,
      target: `< ${HEAP_LIMIT_MB} MB`,
      met: peakMB < HEAP_LIMIT_MB,
    });
    const rows: BenchRow[] = [
      {
        ...compare(
          'export (saveLibraryArchive into a counting writable)',
          mbps(archive.size, exported.ms),
          'MB/s',
          bareRate,
        ),
        note: `${size}; ${(exported.ms / 1000).toFixed(1)} s (bare zip ${(bare.ms / 1000).toFixed(1)} s)`,
      },
      {
        ...compare(
          'import (importArchive into a fresh OPFS library)',
          mbps(archive.size, imported.ms),
          'MB/s',
          bareRate,
        ),
        note: `${(imported.ms / 1000).toFixed(1)} s; filling the source took ${fillSeconds.toFixed(0)} s`,
      },
      {
        ...heapRow('peak JS heap during export', exported),
        note: `${heapRow('', exported).note}; ${readingPeakMB.toFixed(0)} MB by the end of the CRC pass`,
      },
      {
        ...heapRow('peak JS heap during import', imported),
        target: undefined,
        met: undefined,
      },
    ];
    await writeResults('archive', rows);
  } finally {
    await remove(target);
    await remove(source);
  }
});
