// The image server under load on 127.0.0.1: (a) generate with the local generator vs a bare Hono
// route answering the same bytes, loaded by autocannon in a separate process; (b) 200 concurrent
// event-stream generations for 30 s from a separate process, errors and memory drift; (c) the
// transform route vs a bare sharp resize+encode of the same input. Bounded in time and count.
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createLocalProvider } from '../../packages/ai-connect/src/index';
import { createImageServer } from '../../packages/server-adapter/src/index';
import { type BenchRow, compare } from '../lib/report';
import { writeResults } from '../lib/write-node';

// Libraries of the server package, loaded from there (the repo root does not depend on them).
const adapterRoot = new URL('../../packages/server-adapter/', import.meta.url);
const requireFromAdapter = createRequire(new URL('package.json', adapterRoot));
type FetchHandler = (req: Request) => Response | Promise<Response>;
type NodeServer = { close(cb?: () => void): void; closeAllConnections?: () => void };
const { serve } = requireFromAdapter('@hono/node-server') as {
  serve(
    options: { fetch: FetchHandler; port: number; hostname: string },
    listening: (info: AddressInfo) => void,
  ): NodeServer;
};
const { Hono } = requireFromAdapter('hono') as {
  Hono: new () => { post(path: string, handler: () => Response): void; fetch: FetchHandler };
};
type Pipeline = {
  rotate(): Pipeline;
  resize(w: number, h: number, o: { fit: string; position: unknown }): Pipeline;
  jpeg(o: { quality: number }): Pipeline;
  toBuffer(): Promise<Buffer>;
};
type SharpLike = ((input: Uint8Array | object) => Pipeline) & { strategy: { attention: unknown } };
const sharp = requireFromAdapter('sharp') as SharpLike;
const autocannonBin = join(adapterRoot.pathname, 'node_modules', '.bin', 'autocannon');

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rows: BenchRow[] = [];
const silent = { info() {}, warn() {}, error() {} };

async function listen(fetch: FetchHandler) {
  return new Promise<{ port: number; close: () => Promise<void> }>((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve({
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections?.();
          }),
      }),
    );
  });
}

interface AutocannonResult {
  requests: { average: number };
  latency: { p99: number; p50: number };
  errors: number;
  non2xx: number;
  '2xx': number;
}

/** Runs the autocannon CLI in its own process against a loopback URL; bounded by `seconds`. */
function autocannon(url: string, body: string, seconds: number): Promise<AutocannonResult> {
  return new Promise((resolve, reject) => {
    const args = [
      '-j',
      '-c',
      '16',
      '-d',
      String(seconds),
      '-m',
      'POST',
      '-H',
      'content-type=application/json',
      '-b',
      body,
      url,
    ];
    const child = spawn(autocannonBin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), (seconds + 30) * 1000);
    child.once('exit', (code) => {
      clearTimeout(killer);
      try {
        resolve(JSON.parse(out) as AutocannonResult);
      } catch {
        reject(new Error(`autocannon exited ${code} without JSON`));
      }
    });
  });
}

// (a) generate through the whole app vs a bare route with the same bytes ---------------------
{
  const app = createImageServer({
    providers: { local: createLocalProvider() },
    logger: silent,
    rateLimit: false,
    concurrency: { perProvider: 64, queue: 256 },
  });
  const request = { prompt: 'a lighthouse at dusk', width: 256, height: 256, seed: 7 };
  const sample = await app.request('/api/ai/images/generate', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  const bytes = new Uint8Array(await sample.arrayBuffer());
  const bare = new Hono();
  bare.post('/bare', () => new Response(bytes, { headers: { 'content-type': 'image/png' } }));

  // The same app with a provider that answers the bytes at once: the server's own cost.
  const instant = createImageServer({
    providers: {
      local: {
        name: 'local',
        imageModel: (modelId: string) => ({
          specificationVersion: 'v1' as const,
          provider: 'local',
          modelId,
          maxImagesPerCall: 4,
          doGenerate: async (call: { n: number; seed?: number }) => ({
            images: Array.from({ length: call.n }, () => ({
              bytes,
              mediaType: 'image/png',
              width: 256,
              height: 256,
            })),
            warnings: [],
            response: { timestamp: new Date(), modelId },
            seed: call.seed,
          }),
        }),
      },
    },
    logger: silent,
    rateLimit: false,
    concurrency: { perProvider: 64, queue: 256 },
  });

  const real = await listen(app.fetch);
  const overhead = await listen(instant.fetch);
  const baseline = await listen(bare.fetch);
  const body = JSON.stringify(request);
  await autocannon(`http://127.0.0.1:${real.port}/api/ai/images/generate`, body, 2); // warm-up
  const measured = await autocannon(
    `http://127.0.0.1:${real.port}/api/ai/images/generate`,
    body,
    10,
  );
  const bareResult = await autocannon(`http://127.0.0.1:${baseline.port}/bare`, body, 10);
  await autocannon(`http://127.0.0.1:${overhead.port}/api/ai/images/generate`, body, 2);
  const overheadResult = await autocannon(
    `http://127.0.0.1:${overhead.port}/api/ai/images/generate`,
    body,
    10,
  );
  await real.close();
  await baseline.close();
  await overhead.close();

  rows.push(
    compare('generate 256² local, 16 connections: throughput', measured.requests.average, 'req/s', {
      name: 'bare Hono route, same bytes',
      value: bareResult.requests.average,
    }),
  );
  const p99 = compare('generate 256² local: p99 latency', measured.latency.p99, 'ms', {
    name: 'bare Hono route p99',
    value: bareResult.latency.p99,
  });
  p99.note = `errors ${measured.errors}, non-2xx ${measured.non2xx}; the local generator renders with sharp on every request`;
  rows.push(p99);
  const own = compare(
    'generate through the app, provider answering at once (server overhead)',
    overheadResult.requests.average,
    'req/s',
    { name: 'bare Hono route, same bytes', value: bareResult.requests.average },
  );
  own.note = `p99 ${overheadResult.latency.p99} ms vs ${bareResult.latency.p99} ms; validation, auth, CORS, secure headers, generateImages, sniff`;
  rows.push(own);
}

// (b) 200 concurrent event-stream generations for 30 s, from another process ----------------
{
  const app = createImageServer({
    // A slow "hosted" model: 400 ms per image with progress, so 200 streams stay open at once.
    providers: { local: createLocalProvider({ delayMs: 400 }) },
    logger: silent,
    rateLimit: false,
    concurrency: { perProvider: 256, queue: 256 },
  });
  const server = await listen(app.fetch);
  const url = `http://127.0.0.1:${server.port}/api/ai/images/generate`;
  const client = `
    const [url, seconds, concurrency] = process.argv.slice(1);
    const end = Date.now() + Number(seconds) * 1000;
    const body = JSON.stringify({ prompt: 'a harbour at night', width: 64, height: 64 });
    let ok = 0, errors = 0, events = 0;
    async function one() {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream' }, body });
      if (res.status !== 200) { errors++; await res.arrayBuffer(); return; }
      const text = await res.text();
      events += (text.match(/^event: /gm) || []).length;
      if (text.includes('event: done') && !text.includes('event: error')) ok++; else errors++;
    }
    async function loop() { while (Date.now() < end) { try { await one(); } catch { errors++; } } }
    await Promise.all(Array.from({ length: Number(concurrency) }, loop));
    console.log(JSON.stringify({ ok, errors, events }));
  `;
  const runClient = (seconds: number) =>
    new Promise<{ ok: number; errors: number; events: number }>((resolve, reject) => {
      const child: ChildProcess = spawn(
        process.execPath,
        ['--input-type=module', '-e', client, url, String(seconds), '200'],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let out = '';
      child.stdout?.on('data', (c: Buffer) => {
        out += c.toString();
      });
      const killer = setTimeout(() => child.kill('SIGKILL'), (seconds + 30) * 1000);
      child.once('exit', () => {
        clearTimeout(killer);
        try {
          resolve(JSON.parse(out));
        } catch {
          reject(new Error(`stream client failed: ${out}`));
        }
      });
    });

  const memory = () => {
    gc();
    const { rss, heapUsed } = process.memoryUsage();
    return { rss: rss / 1024 / 1024, heap: heapUsed / 1024 / 1024 };
  };
  // Warm-up as long as half the run: JIT, sharp's operation cache and the allocator's arenas
  // settle, so what follows measures drift, not first-use growth.
  await runClient(15);
  await sleep(500);
  const warm = memory();
  const run = await runClient(30);
  await sleep(500);
  const end = memory();
  await server.close();

  rows.push({
    name: '200 concurrent event streams for 30 s: completed generations',
    value: run.ok,
    unit: 'streams',
    target: 'no errors',
    met: run.errors === 0,
    note: `errors ${run.errors}, SSE events ${run.events}`,
  });
  const heapRow = compare('… heap after the run (after GC)', end.heap, 'MB', {
    name: 'heap after warm-up',
    value: warm.heap,
  });
  // Lower memory is better, so compare's ratio is baseline ÷ value: ≥ 0.91 means within +10 %.
  heapRow.target = 'within 10 %';
  heapRow.met = end.heap <= warm.heap * 1.1;
  rows.push(heapRow);
  const rssRow = compare('… RSS after the run', end.rss, 'MB', {
    name: 'RSS after warm-up',
    value: warm.rss,
  });
  rssRow.target = 'within 10 %';
  rssRow.met = end.rss <= warm.rss * 1.1;
  rows.push(rssRow);
}

// (c) transform to a platform format vs bare sharp --------------------------------------------
{
  const app = createImageServer({
    providers: { local: createLocalProvider() },
    logger: silent,
    rateLimit: false,
  });
  const input = new Uint8Array(
    await sharp({ create: { width: 2400, height: 1600, channels: 3, background: '#5588aa' } })
      .jpeg({ quality: 90 })
      .toBuffer(),
  );
  const viaRoute = async () => {
    const res = await app.request(
      '/api/ai/images/transform?preset=instagram-square&crop=smart&format=jpeg&quality=80',
      { method: 'POST', headers: { 'content-type': 'image/jpeg' }, body: input },
    );
    if (res.status !== 200) throw new Error(`transform answered ${res.status}`);
    await res.arrayBuffer();
  };
  const bare = () =>
    sharp(input)
      .rotate()
      .resize(1080, 1080, { fit: 'cover', position: sharp.strategy.attention })
      .jpeg({ quality: 80 })
      .toBuffer();

  // One op at a time, route and bare strictly alternating, so load from anything else on the
  // machine (and sharp's own warm-up) hits both alike.
  for (let i = 0; i < 4; i++) {
    await viaRoute();
    await bare();
  }
  let routeMs = 0;
  let bareMs = 0;
  const rounds = 60;
  for (let round = 0; round < rounds; round++) {
    let started = performance.now();
    await bare();
    bareMs += performance.now() - started;
    started = performance.now();
    await viaRoute();
    routeMs += performance.now() - started;
  }
  const perSecond = (ms: number) => (rounds * 1000) / ms;
  rows.push(
    compare(
      'transform 2400×1600 JPEG → instagram-square (smart crop, JPEG q80)',
      perSecond(routeMs),
      'ops/s',
      { name: 'bare sharp resize+encode', value: perSecond(bareMs) },
      { text: '≥ 0.9×', minRatio: 0.9 },
    ),
  );
}

writeResults('server', rows);
for (const row of rows) console.log(row);
process.exit(0);
