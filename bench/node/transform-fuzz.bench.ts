// The transform route under hostile input, in-process (app.request): 10,000 fuzzed requests
// (random sizes, many past the output cap, formats, qualities, presets, crops, broken bytes) at
// 8 at once, with the 5xx count and RSS after warm-up vs after the run (with glibc's malloc,
// then with MALLOC_ARENA_MAX=2 and with jemalloc when installed); the time to refuse a
// 1×1 PNG asked to become 16384² AVIF vs a tiny real transform of the same bytes; and the cost
// of the largest output the default caps allow. Seeded, so every run sends the same requests.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createLocalProvider } from '../../packages/ai-connect/src/index';
import { createImageServer } from '../../packages/server-adapter/src/index';
import { type BenchRow, compare, medianMs } from '../lib/report';
import { writeResults } from '../lib/write-node';

const requireFromAdapter = createRequire(
  new URL('../../packages/server-adapter/package.json', import.meta.url),
);
type Pipeline = {
  png(): Pipeline;
  jpeg(): Pipeline;
  webp(): Pipeline;
  toBuffer(): Promise<Buffer>;
};
const sharp = requireFromAdapter('sharp') as (options: object) => Pipeline;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rssMb = async () => {
  gc();
  await sleep(300);
  gc();
  return process.memoryUsage().rss / 1024 / 1024;
};
const rows: BenchRow[] = [];

const app = createImageServer({
  providers: { local: createLocalProvider() },
  logger: { info() {}, warn() {}, error() {} },
  rateLimit: false,
});

const image = (width: number, height: number, kind: 'png' | 'jpeg' | 'webp') =>
  sharp({ create: { width, height, channels: 3, background: '#5588aa' } })
    [kind]()
    .toBuffer()
    .then((b) => new Uint8Array(b));
const inputs = [
  await image(1, 1, 'png'),
  await image(1, 100, 'png'),
  await image(64, 64, 'jpeg'),
  await image(300, 200, 'webp'),
  await image(640, 480, 'jpeg'),
];
const broken = inputs[4]!.slice(0, 300);

// Small deterministic PRNG (mulberry32): the same fuzz every run.
let seed = 0x5eed;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

function fuzzedRequest(): { query: string; body: Uint8Array } {
  const params = new URLSearchParams();
  const size = () =>
    pick([
      String(1 + Math.floor(random() * 128)),
      String(1 + Math.floor(random() * 320)),
      pick(['4097', '5000', '16384', '99999', '0', '-1', '1e3', 'abc', '4096']),
    ]);
  if (random() < 0.1) params.set('preset', pick(['instagram-square', 'x-post', 'nope', '']));
  if (random() < 0.8) params.set('width', size());
  if (random() < 0.6) params.set('height', size());
  if (random() < 0.7) params.set('format', pick(['png', 'jpeg', 'webp', 'webp', 'jpg', 'gif']));
  if (random() < 0.03) params.set('format', 'avif');
  if (random() < 0.5) params.set('crop', pick(['smart', 'centre', 'fit', 'zoom']));
  if (random() < 0.3) params.set('quality', pick(['1', '50', '100', '101', '0', 'x']));
  // An allowed 4096-sided output takes about a second by design ((c) measures it); in the mix
  // it would only make the run long, so it becomes a small one.
  for (const side of ['width', 'height']) if (params.get(side) === '4096') params.set(side, '96');
  if (params.get('format') === 'avif' && !params.has('preset')) {
    params.set('width', '64');
    params.set('height', '64');
  }
  return { query: params.toString(), body: random() < 0.05 ? broken : pick(inputs) };
}

const statuses = new Map<number, number>();
async function fuzz(count: number, concurrency: number) {
  let sent = 0;
  async function worker() {
    while (sent < count) {
      sent++;
      const { query, body } = fuzzedRequest();
      const res = await app.request(`/api/ai/images/transform?${query}`, {
        method: 'POST',
        headers: { 'content-type': 'image/png' },
        body: body as Uint8Array<ArrayBuffer>,
      });
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
}

// (a) 10,000 fuzzed requests: RSS after warm-up vs after ------------------------------------
async function fuzzRun(label: string): Promise<BenchRow> {
  await fuzz(1000, 8);
  const warm = await rssMb();
  const warmHeap = process.memoryUsage().heapUsed / 1024 / 1024;
  statuses.clear();
  const started = performance.now();
  const total = Number(process.env.FUZZ_REQUESTS ?? 10_000);
  await fuzz(total, 8);
  const seconds = (performance.now() - started) / 1000;
  const after = await rssMb();
  const heap = process.memoryUsage().heapUsed / 1024 / 1024;
  const fiveXx = [...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
  const mix = [...statuses]
    .sort(([a], [b]) => a - b)
    .map(([s, c]) => `${s}×${c}`)
    .join(' ');
  const row = compare(`transform fuzz: RSS warm → after${label}`, after, 'MB', {
    name: 'RSS after 1,000-request warm-up',
    value: warm,
  });
  // Less memory is better: compare's ratio is warm ÷ after, so ≥ 0.83 means within +20 %.
  row.target = 'within 20 %';
  row.met = after <= warm * 1.2;
  row.note = `${total} requests in ${seconds.toFixed(0)} s, 5xx ${fiveXx} (${mix}); heap ${warmHeap.toFixed(0)} → ${heap.toFixed(0)} MB`;
  return row;
}

// The same run again in child processes started with MALLOC_ARENA_MAX=2 and with jemalloc
// preloaded (what the README advises on glibc): the heap stays flat, so what grows is the
// allocator's hold on freed native memory, not anything the server keeps.
if (process.env.TRANSFORM_FUZZ_CHILD) {
  console.log(`ROW ${JSON.stringify(await fuzzRun(` (${process.env.TRANSFORM_FUZZ_CHILD})`))}`);
  process.exit(0);
}
rows.push(await fuzzRun(' (glibc malloc, default)'));
const jemalloc = [
  '/usr/lib/x86_64-linux-gnu/libjemalloc.so.2',
  '/usr/lib/aarch64-linux-gnu/libjemalloc.so.2',
  '/usr/lib/libjemalloc.so.2',
].find((path) => existsSync(path));
const variants: Array<[string, Record<string, string>]> = [
  ['MALLOC_ARENA_MAX=2', { MALLOC_ARENA_MAX: '2' }],
];
if (jemalloc) variants.push(['jemalloc', { LD_PRELOAD: jemalloc }]);
for (const [label, env] of variants) {
  const child = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    env: { ...process.env, ...env, TRANSFORM_FUZZ_CHILD: label },
    encoding: 'utf8',
  });
  const line = child.stdout.split('\n').find((l) => l.startsWith('ROW '));
  if (line) rows.push(JSON.parse(line.slice(4)) as BenchRow);
  else console.error(`the ${label} run failed`, child.stderr);
}

// (b) refusing an amplification vs a tiny real transform -----------------------------------
const dot = inputs[0]!;
const send = async (query: string) => {
  const res = await app.request(`/api/ai/images/transform?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'image/png' },
    body: dot as Uint8Array<ArrayBuffer>,
  });
  await res.arrayBuffer();
  return res.status;
};
if ((await send('width=16384&height=16384&format=avif')) !== 400) {
  throw new Error('the 16384² upscale was not refused');
}
const beforeRefusals = await rssMb();
const refuseMs = await medianMs(() => send('width=16384&height=16384&format=avif'), 50, 5);
const tinyMs = await medianMs(() => send('width=8&height=8&format=png'), 50, 5);
const refusals = await rssMb();
rows.push({
  ...compare(
    'refuse 1×1 PNG → 16384² AVIF (400, field width)',
    refuseMs,
    'ms',
    { name: '1×1 PNG → 8×8 PNG transform', value: tinyMs },
    { text: '≥ 1× (answered before sharp works)', minRatio: 1 },
  ),
  note: `RSS ${beforeRefusals.toFixed(0)} → ${refusals.toFixed(0)} MB over 110 requests`,
});

// (c) the largest output the default caps allow, for scale --------------------------------
const beforeLargest = await rssMb();
let peak = 0;
const watch = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss / 1024 / 1024);
}, 20);
const largestMs = await medianMs(() => send('width=4096&height=4096&format=jpeg'), 3, 0);
const largestAvifMs = await medianMs(() => send('width=4096&height=4096&format=avif'), 1, 0);
clearInterval(watch);
rows.push({
  name: 'largest allowed: 1×1 PNG → 4096² JPEG',
  value: largestMs,
  unit: 'ms',
  note: `AVIF ${largestAvifMs.toFixed(0)} ms; RSS ${beforeLargest.toFixed(0)} MB, peak ${peak.toFixed(0)} MB, after ${(await rssMb()).toFixed(0)} MB`,
});

writeResults('transform-fuzz', rows);
for (const row of rows) console.log(row);
process.exit(0);
