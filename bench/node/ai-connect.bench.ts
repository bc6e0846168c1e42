// ai-connect against a loopback fake of Replicate's HTTP API: (a) what the adapter (and
// generateImages) costs per image over the raw create → poll → download exchange done by hand,
// (b) output download throughput of downloadOutput vs a direct fetch of the same 10 MB image.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadOutput } from '../../packages/ai-connect/src/download-output';
import { createReplicate } from '../../packages/ai-connect/src/providers/replicate/index';
import { type BenchRow, compare, medianMs, percentile } from '../lib/report';
import { writeResults } from '../lib/write-node';

const SDXL = 'stability-ai/sdxl:7762fd07cf82c948538e41f63f77d685e02b063e37e496e96eefd46c929f9bdc';
const TOKEN = 'r8_bench_token';

// sharp is a dependency of ai-connect, not of the repo root, so load it from there.
type SharpLike = (
  input: Buffer,
  options: { raw: { width: number; height: number; channels: 3 } },
) => { png(options?: { compressionLevel?: number }): { toBuffer(): Promise<Buffer> } };
const sharp = createRequire(new URL('../../packages/ai-connect/package.json', import.meta.url))(
  'sharp',
) as SharpLike;

// A 512² noise PNG per generated image, and a ~10 MB uncompressed-PNG noise image to download.
const small = await sharp(randomBytes(512 * 512 * 3), {
  raw: { width: 512, height: 512, channels: 3 },
})
  .png()
  .toBuffer();
const big = await sharp(randomBytes(1826 * 1826 * 3), {
  raw: { width: 1826, height: 1826, channels: 3 },
})
  .png({ compressionLevel: 0 })
  .toBuffer();

/**
 * The fake runs in a child process so its work does not share an event loop with what is
 * measured. It imitates Replicate: a create answers `starting`, the first poll `succeeded`.
 */
const FAKE_SERVER = `
const { createServer } = require('node:http');
const { readFileSync } = require('node:fs');
const [smallPath, bigPath, version] = process.argv.slice(1);
const small = readFileSync(smallPath);
const big = readFileSync(bigPath);
let origin = '';
let counter = 0;
const prediction = (id, status) => ({
  id, status, version, model: 'stability-ai/sdxl', input: {},
  logs: status === 'succeeded' ? 'Using seed: 1\\n100%|##########| 30/30' : '',
  output: status === 'succeeded' ? [origin + '/files/' + id + '.png'] : null,
  created_at: new Date().toISOString(),
  metrics: status === 'succeeded' ? { predict_time: 0.001 } : undefined,
  urls: { get: origin + '/v1/predictions/' + id, cancel: origin + '/v1/predictions/' + id + '/cancel' },
});
const server = createServer((req, res) => {
  const url = req.url || '/';
  const json = (status, body) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  req.resume();
  req.on('end', () => {
    if (req.method === 'POST' && url.endsWith('/predictions')) return json(201, prediction('p' + ++counter, 'starting'));
    if (req.method === 'GET' && url.startsWith('/v1/predictions/')) return json(200, prediction(url.split('/').pop(), 'succeeded'));
    if (req.method === 'GET' && url.startsWith('/files/')) {
      const body = url === '/files/big.png' ? big : small;
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': body.byteLength });
      return res.end(body);
    }
    json(404, { detail: 'not found' });
  });
});
server.listen(0, '127.0.0.1', () => {
  origin = 'http://127.0.0.1:' + server.address().port;
  process.stdout.write(origin + '\\n');
});
`;
const dir = mkdtempSync(join(tmpdir(), 'ai-connect-bench-'));
writeFileSync(join(dir, 'small.png'), small);
writeFileSync(join(dir, 'big.png'), big);
const child = spawn(
  process.execPath,
  ['-e', FAKE_SERVER, join(dir, 'small.png'), join(dir, 'big.png'), SDXL.split(':')[1] as string],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const origin = await new Promise<string>((resolve, reject) => {
  child.stdout.once('data', (data: Buffer) => resolve(data.toString().trim()));
  child.once('exit', (code) => reject(new Error(`fake server exited with ${code}`)));
});

/** The raw exchange by hand: create with the same headers, one poll, download the output. */
async function rawExchange() {
  const headers = {
    authorization: `Bearer ${TOKEN}`,
    'content-type': 'application/json',
    prefer: 'wait=60',
    'cancel-after': '300s',
  };
  const created = await fetch(`${origin}/v1/predictions`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      version: SDXL.split(':')[1],
      input: { prompt: 'bench', num_outputs: 1 },
    }),
  }).then((r) => r.json() as Promise<{ id: string }>);
  await new Promise((resolve) => setTimeout(resolve, 0)); // same zero poll pause as the adapter
  const done = await fetch(`${origin}/v1/predictions/${created.id}`, { headers }).then(
    (r) => r.json() as Promise<{ output: string[] }>,
  );
  return new Uint8Array(await (await fetch(done.output[0] as string)).arrayBuffer());
}

const provider = createReplicate({
  apiToken: TOKEN,
  baseUrl: `${origin}/v1`,
  outputHosts: ['127.0.0.1'],
  pollIntervalMs: 0,
});
const model = provider.imageModel(SDXL);
const adapterCall = () => model.doGenerate({ prompt: 'bench', n: 1 });

type Generate = typeof import('../../packages/ai-connect/src/generate').generateImages;
let generateImages: Generate | undefined;
try {
  ({ generateImages } = await import('../../packages/ai-connect/src/generate'));
} catch {
  generateImages = undefined;
}

const RUNS = 60;
const rows: BenchRow[] = [];
/**
 * Runs the contenders in turn, `runs` times after `warmup` rounds, and returns their medians.
 * Every other round runs them in reverse order, so the garbage one leaves behind (a 10 MB body)
 * is not always collected in the next one's time.
 */
async function interleaved(
  contenders: Array<() => Promise<unknown>>,
  runs: number,
  warmup: number,
) {
  const times = contenders.map(() => [] as number[]);
  for (let round = 0; round < warmup + runs; round++) {
    const order = [...contenders.entries()];
    if (round % 2 === 1) order.reverse();
    for (const [i, fn] of order) {
      const t = await medianMs(fn, 1, 0);
      if (round >= warmup) times[i]?.push(t);
    }
  }
  return times.map((list) => percentile(list, 50));
}

const generateCall = generateImages
  ? () =>
      (generateImages as Generate)(
        { prompt: 'bench', model: 'replicate/sdxl', width: 1024, height: 1024 },
        { providers: { replicate: provider } },
      )
  : undefined;
const [raw, adapterMs, generateMs] = (await interleaved(
  [rawExchange, adapterCall, ...(generateCall ? [generateCall] : [])],
  RUNS,
  10,
)) as [number, number, number | undefined];
rows.push({
  ...compare('replicate adapter, 1 image (create → poll → download)', adapterMs, 'ms', {
    name: 'raw HTTP exchange by hand',
    value: raw,
  }),
  note: `overhead ${(adapterMs - raw).toFixed(2)} ms/image; loopback fake in a child process, 512² PNG output`,
});
if (generateMs !== undefined) {
  rows.push({
    ...compare('generateImages + replicate adapter, 1 image', generateMs, 'ms', {
      name: 'raw HTTP exchange by hand',
      value: raw,
    }),
    note: `overhead ${(generateMs - raw).toFixed(2)} ms/image (validation, retry/timeout control, output check)`,
  });
} else {
  rows.push({
    name: 'generateImages + replicate adapter, 1 image',
    value: Number.NaN,
    unit: 'ms',
    note: 'generate.ts not present in this checkout: adapter only',
  });
}

// (b) 10 MB download: interleave direct fetch and downloadOutput, take medians of each.
const bigUrl = `${origin}/files/big.png`;
const direct = async () => new Uint8Array(await (await fetch(bigUrl)).arrayBuffer());
const ours = () => downloadOutput(bigUrl, { allowedHosts: ['127.0.0.1'] });
const checked = await ours();
if (checked.bytes.byteLength !== big.byteLength || checked.mediaType !== 'image/png') {
  throw new Error('downloadOutput returned the wrong bytes');
}
const [directMs, oursMs] = (await interleaved([direct, ours], RUNS, 5)) as [number, number];
const mb = big.byteLength / 1024 / 1024;
const directMBs = mb / (directMs / 1000);
const oursMBs = mb / (oursMs / 1000);
rows.push({
  ...compare(
    `downloadOutput ${mb.toFixed(1)} MB PNG`,
    oursMBs,
    'MB/s',
    { name: 'direct fetch().arrayBuffer()', value: directMBs },
    { text: '≥ 0.9×', minRatio: 0.9 },
  ),
  note: 'same URL, same run, interleaved; allowlist, size cap, streaming count and sniff included',
});

child.kill();
rmSync(dir, { recursive: true, force: true });
writeResults('ai-connect', rows);
for (const row of rows) {
  console.log(
    `${row.name}: ${row.value.toFixed(2)} ${row.unit}` +
      (row.baseline
        ? ` vs ${row.baseline.value.toFixed(2)} (${row.baseline.name}), ratio ${row.ratio?.toFixed(2)}`
        : '') +
      (row.note ? ` — ${row.note}` : ''),
  );
}
