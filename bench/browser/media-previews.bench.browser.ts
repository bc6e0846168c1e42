// A video's poster and a PDF's first page, as the import makes them, against the bare browser
// path for the same output: a `<video>` seek + drawImage + encode at the same size, and a bare
// pdf.js getDocument + page render + encode. Target: each within 2× of its bare path.
import { expect, it } from 'vitest';
import { createPdfPreview } from '../../packages/media-library/src/core/import/pdf-preview';
import { pdfOfPages } from '../../packages/media-library/src/core/import/test-pdf';
import { fitWithin } from '../../packages/media-library/src/core/import/thumbnail-render';
import {
  createVideoPoster,
  posterTime,
} from '../../packages/media-library/src/core/import/video-poster';
import { type BenchRow, compare, percentile } from '../lib/report';
import { writeResults } from '../lib/write-browser';

const RUNS = 15;
const WARMUP = 2;
const REQUEST = { maxSize: 400, type: 'image/webp', quality: 0.85 };
const VIDEO_MS = 3000;

/**
 * A WebM recorded from a 640×360 canvas for VIDEO_MS: a moving gradient and a ball, never
 * black, so the poster needs one seek. Recorded in a browser, it carries no duration.
 */
async function recordVideo(): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 360;
  const context = canvas.getContext('2d')!;
  const started = performance.now();
  const draw = () => {
    const t = (performance.now() - started) / 1000;
    const gradient = context.createLinearGradient(0, 0, 640, 360);
    gradient.addColorStop(0, `hsl(${(t * 90) % 360}, 70%, 55%)`);
    gradient.addColorStop(1, `hsl(${(t * 90 + 120) % 360}, 70%, 35%)`);
    context.fillStyle = gradient;
    context.fillRect(0, 0, 640, 360);
    context.fillStyle = '#fff';
    context.beginPath();
    context.arc(320 + Math.sin(t * 3) * 250, 180, 40, 0, Math.PI * 2);
    context.fill();
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
  await new Promise((resolve) => setTimeout(resolve, VIDEO_MS));
  recorder.stop();
  await stopped;
  clearInterval(ticker);
  for (const track of stream.getTracks()) track.stop();
  return new Blob(chunks, { type: 'video/webm' });
}

function once(target: EventTarget, type: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const controller = new AbortController();
    target.addEventListener(
      type,
      () => {
        controller.abort();
        resolve();
      },
      { signal: controller.signal },
    );
    target.addEventListener(
      'error',
      () => {
        controller.abort();
        reject(new Error(`${type} never came`));
      },
      { signal: controller.signal },
    );
  });
}

/**
 * The bare poster: a `<video>`, metadata, one seek to where ours takes its frame (known here in
 * advance; ours has to find a recording's duration first), a draw and an encode.
 */
async function barePoster(blob: Blob, at: number): Promise<Blob> {
  const video = document.createElement('video');
  const url = URL.createObjectURL(blob);
  try {
    video.muted = true;
    video.preload = 'metadata';
    video.src = url;
    await once(video, 'loadedmetadata');
    const seeked = once(video, 'seeked');
    video.currentTime = at;
    await seeked;
    const { width, height } = fitWithin(video.videoWidth, video.videoHeight, REQUEST.maxSize);
    const canvas = new OffscreenCanvas(width, height);
    canvas.getContext('2d')!.drawImage(video, 0, 0, width, height);
    return await canvas.convertToBlob({ type: REQUEST.type, quality: REQUEST.quality });
  } finally {
    URL.revokeObjectURL(url);
    video.removeAttribute('src');
    video.load();
  }
}

/** A hand-written PDF whose first page has a few hundred filled and stroked shapes. */
function drawingPdf(): Blob {
  const ops: string[] = [];
  for (let i = 0; i < 300; i++) {
    const x = (i * 37) % 560;
    const y = (i * 53) % 740;
    ops.push(`${(i % 7) / 7} ${(i % 5) / 5} ${(i % 3) / 3} rg ${x} ${y} ${20 + (i % 30)} 18 re f`);
    ops.push(`0 0 0 RG 1 w ${x} ${y} m ${x + 40} ${y + 30} l S`);
  }
  return pdfOfPages([ops.join('\n'), '1 0 0 rg 0 0 612 792 re f']);
}

type PdfJs = typeof import('../../packages/media-library/node_modules/pdfjs-dist/types/src/pdf');
let pdfjs: Promise<PdfJs> | undefined;

/** pdf.js from the library's own dependency, with its worker, as an app would set it up. */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import(
    // @ts-expect-error: a file path into the package, which ships no types for it
    '../../packages/media-library/node_modules/pdfjs-dist/build/pdf.mjs'
  ).then((module: PdfJs) => {
    module.GlobalWorkerOptions.workerSrc = new URL(
      '../../packages/media-library/node_modules/pdfjs-dist/build/pdf.worker.min.mjs',
      import.meta.url,
    ).href;
    return module;
  });
  return pdfjs;
}

/** The bare first page: getDocument, page 1 at the thumbnail's scale, render, encode. */
async function barePdfPage(blob: Blob): Promise<Blob> {
  const { getDocument } = await loadPdfJs();
  const task = getDocument({ data: new Uint8Array(await blob.arrayBuffer()) });
  try {
    const pdf = await task.promise;
    const page = await pdf.getPage(1);
    const natural = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({
      scale: REQUEST.maxSize / Math.max(natural.width, natural.height),
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(viewport.width);
    canvas.height = Math.round(viewport.height);
    await page.render({ canvas, viewport }).promise;
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('no blob'))),
        REQUEST.type,
        REQUEST.quality,
      ),
    );
  } finally {
    await task.destroy();
  }
}

/** Median ms of each contender over RUNS, interleaved so the machine's load hits both alike. */
async function race(contenders: Record<string, () => Promise<unknown>>) {
  const times: Record<string, number[]> = {};
  for (let run = 0; run < WARMUP + RUNS; run++) {
    const names = Object.keys(contenders);
    if (run % 2 === 1) names.reverse();
    for (const name of names) {
      const started = performance.now();
      await (contenders[name] as () => Promise<unknown>)();
      const ms = performance.now() - started;
      if (run < WARMUP) continue;
      const list = times[name] ?? [];
      list.push(ms);
      times[name] = list;
    }
  }
  return (name: string) => percentile(times[name] ?? [], 50);
}

it('video poster and PDF first page vs their bare browser paths', async () => {
  const video = await recordVideo();
  const duration = VIDEO_MS / 1000;
  const pdf = drawingPdf();

  const poster = await createVideoPoster(video, REQUEST);
  expect([poster?.width, poster?.height]).toEqual([400, 225]);
  const page = await createPdfPreview(pdf, REQUEST);
  expect(page.thumbnail?.height).toBe(400);
  expect(page.pageCount).toBe(2);

  const videoMs = await race({
    ours: () => createVideoPoster(video, REQUEST),
    bare: () => barePoster(video, posterTime(duration)),
  });
  const pdfMs = await race({
    ours: () => createPdfPreview(pdf, REQUEST),
    bare: () => barePdfPage(pdf),
  });
  const target = { text: '≥ 0.5× (within 2×)', minRatio: 0.5 };
  const rows: BenchRow[] = [
    {
      ...compare(
        'video poster (WebM 640×360, 3 s, no duration header)',
        videoMs('ours'),
        'ms',
        { name: 'bare <video> seek + drawImage + WebP', value: videoMs('bare') },
        target,
      ),
      note: `${(video.size / 1024).toFixed(0)} KB, median of ${RUNS}, ${navigator.hardwareConcurrency} cores`,
    },
    {
      ...compare(
        'PDF first page (600 shapes, 2 pages)',
        pdfMs('ours'),
        'ms',
        { name: 'bare pdf.js getDocument + render + WebP', value: pdfMs('bare') },
        target,
      ),
      note: `${(pdf.size / 1024).toFixed(0)} KB, median of ${RUNS}, ${navigator.hardwareConcurrency} cores`,
    },
  ];
  console.log(rows);
  await writeResults('media-previews', rows);
});
