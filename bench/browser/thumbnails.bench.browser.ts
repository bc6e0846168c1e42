// Thumbnails of a 500-photo import in Chromium: the library's `createThumbnail` (its worker
// pool, requests kept in flight as the import's read-ahead keeps them, each with the file's
// first bytes, which the import holds from hashing the file) against the fastest
// bare path for the same output: `createImageBitmap` with resize options, an OffscreenCanvas
// and a WebP `convertToBlob`, in two workers with three images in flight each.
import { expect, it } from 'vitest';
import {
  createThumbnail,
  getThumbnailStats,
  terminateThumbnailWorker,
} from '../../packages/media-library/src/core/import/thumbnail';
import { fitWithin } from '../../packages/media-library/src/core/import/thumbnail-render';
import { type BenchRow, compare, percentile } from '../lib/report';
import { writeResults } from '../lib/write-browser';

const COUNT = 500;
const MAX_SIZE = 400;
const QUALITY = 0.85;
const ROUNDS = 3;
/** Thumbnails the import has in flight: its analysis reads six items ahead of the writes. */
const IMPORT_IN_FLIGHT = 7;

interface Photo {
  blob: Blob;
  width: number;
  height: number;
  /** The file's first 64 KB, which an import has in hand from hashing the file. */
  head: Uint8Array;
}

/**
 * COUNT JPEGs of 0.6–1.5 MP, landscape and portrait: a gradient, soft shapes and a grain pattern,
 * so they compress and decode like photos (~0.2–0.4 bytes a pixel) and every file differs.
 */
async function makePhotos(): Promise<Photo[]> {
  const grain = new OffscreenCanvas(96, 96);
  const grainContext = grain.getContext('2d')!;
  const noise = new ImageData(96, 96);
  crypto.getRandomValues(noise.data);
  for (let i = 3; i < noise.data.length; i += 4) noise.data[i] = 16;
  grainContext.putImageData(noise, 0, 0);
  const canvas = new OffscreenCanvas(16, 16);
  const context = canvas.getContext('2d')!;
  const pattern = context.createPattern(grain, 'repeat')!;
  let seed = 7;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const photos: Photo[] = [];
  for (let i = 0; i < COUNT; i++) {
    const pixels = 600_000 + random() * 900_000;
    const aspect = i % 3 === 2 ? 3 / 4 : 4 / 3;
    const width = Math.round(Math.sqrt(pixels * aspect));
    const height = Math.round(pixels / width);
    canvas.width = width;
    canvas.height = height;
    const hue = Math.floor(random() * 360);
    const gradient = context.createLinearGradient(0, 0, width, height);
    gradient.addColorStop(0, `hsl(${hue}, 60%, 70%)`);
    gradient.addColorStop(1, `hsl(${(hue + 90) % 360}, 50%, 30%)`);
    context.fillStyle = gradient;
    context.fillRect(0, 0, width, height);
    for (let s = 0; s < 12; s++) {
      context.fillStyle = `hsla(${Math.floor(random() * 360)}, 70%, 50%, 0.5)`;
      context.beginPath();
      context.arc(random() * width, random() * height, 40 + random() * 300, 0, Math.PI * 2);
      context.fill();
    }
    context.fillStyle = pattern;
    context.fillRect(0, 0, width, height);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
    const head = new Uint8Array(await blob.slice(0, 64 * 1024).arrayBuffer());
    photos.push({ blob, width, height, head });
  }
  return photos;
}

/** The bare worker: decode at the target size, draw, encode. Nothing else. */
const BARE_WORKER = `
self.onmessage = async (event) => {
  const { id, blob, width, height, quality } = event.data;
  const bitmap = await createImageBitmap(blob, { resizeWidth: width, resizeHeight: height, resizeQuality: 'high' });
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const out = await canvas.convertToBlob({ type: 'image/webp', quality });
  self.postMessage({ id, size: out.size });
};
`;

/** Every photo through two bare workers, three in flight each; resolves the output sizes. */
async function bareTwoWorkers(photos: Photo[]): Promise<number[]> {
  const url = URL.createObjectURL(new Blob([BARE_WORKER], { type: 'text/javascript' }));
  const workers = [new Worker(url), new Worker(url)];
  const sizes: number[] = new Array(photos.length);
  let next = 0;
  try {
    await Promise.all(
      workers.flatMap((worker) => {
        const waiting = new Map<number, () => void>();
        worker.onmessage = (event: MessageEvent<{ id: number; size: number }>) => {
          sizes[event.data.id] = event.data.size;
          waiting.get(event.data.id)?.();
        };
        const lane = async () => {
          for (let i = next++; i < photos.length; i = next++) {
            const photo = photos[i] as Photo;
            const target = fitWithin(photo.width, photo.height, MAX_SIZE);
            await new Promise<void>((resolve) => {
              waiting.set(i, resolve);
              worker.postMessage({ id: i, blob: photo.blob, ...target, quality: QUALITY });
            });
          }
        };
        return [lane(), lane(), lane()];
      }),
    );
  } finally {
    for (const worker of workers) worker.terminate();
    URL.revokeObjectURL(url);
  }
  return sizes;
}

/** Every photo through `createThumbnail`, `IMPORT_IN_FLIGHT` at a time, in input order. */
async function ours(photos: Photo[]): Promise<{ width: number; height: number }[]> {
  const made: { width: number; height: number }[] = new Array(photos.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < photos.length; i = next++) {
      // As the import asks: with the first bytes it read while hashing the file.
      const { blob, head } = photos[i] as Photo;
      const thumbnail = await createThumbnail(blob, { maxSize: MAX_SIZE, head });
      if (!thumbnail) throw new Error(`no thumbnail for photo ${i}`);
      made[i] = { width: thumbnail.width, height: thumbnail.height };
    }
  };
  await Promise.all(Array.from({ length: IMPORT_IN_FLIGHT }, lane));
  return made;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

it('thumbnails of 500 photos: createThumbnail vs bare createImageBitmap in two workers', async () => {
  const madeAt = performance.now();
  const photos = await makePhotos();
  const megabytes = photos.reduce((sum, p) => sum + p.blob.size, 0) / 1024 / 1024;
  const megapixels = photos.reduce((sum, p) => sum + p.width * p.height, 0) / 1e6;
  console.log(
    `${COUNT} JPEGs, ${megabytes.toFixed(0)} MB, ${megapixels.toFixed(0)} MP, made in ` +
      `${((performance.now() - madeAt) / 1000).toFixed(1)} s`,
  );
  const times = { ours: [] as number[], bare: [] as number[] };
  const workersBefore = getThumbnailStats().workersStarted;
  // Round 0 warms up (workers, decoder, JIT); each round runs both, in alternating order.
  for (let round = 0; round <= ROUNDS; round++) {
    const order = round % 2 === 0 ? (['ours', 'bare'] as const) : (['bare', 'ours'] as const);
    const line: string[] = [];
    for (const name of order) {
      if (name === 'ours') {
        const { ms, value } = await timed(() => ours(photos));
        // Same output as the bare path: every photo, fitted to 400 px.
        for (const [i, made] of value.entries()) {
          const photo = photos[i] as Photo;
          expect(made).toEqual(fitWithin(photo.width, photo.height, MAX_SIZE));
        }
        if (round > 0) times.ours.push(ms);
        line.push(`ours ${ms.toFixed(0)}`);
      } else {
        const { ms, value } = await timed(() => bareTwoWorkers(photos));
        expect(value.filter((size) => size > 0)).toHaveLength(COUNT);
        if (round > 0) times.bare.push(ms);
        line.push(`bare ${ms.toFixed(0)}`);
      }
    }
    console.log(`round ${round}: ${line.join(', ')} (ms)`);
  }
  const workersStarted = getThumbnailStats().workersStarted - workersBefore;
  terminateThumbnailWorker();

  const rows: BenchRow[] = [
    {
      ...compare(
        `${COUNT} photo thumbnails (≤ ${MAX_SIZE} px WebP): createThumbnail`,
        percentile(times.ours, 50),
        'ms',
        {
          name: 'bare createImageBitmap(resize) + WebP, 2 workers × 3 in flight',
          value: percentile(times.bare, 50),
        },
        { text: '≥ 0.95×', minRatio: 0.95 },
      ),
      note:
        `${COUNT} JPEGs of 0.6–1.5 MP (${megabytes.toFixed(0)} MB), ${IMPORT_IN_FLIGHT} requests ` +
        `in flight as the import keeps them, ${workersStarted} workers started over ` +
        `${ROUNDS + 1} rounds, median of ${ROUNDS}, ${navigator.hardwareConcurrency} cores`,
    },
    {
      name: 'thumbnail throughput, createThumbnail',
      value: COUNT / (percentile(times.ours, 50) / 1000),
      unit: 'images/s',
    },
  ];
  console.log(rows);
  await writeResults('thumbnails', rows);
});
