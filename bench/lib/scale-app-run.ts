// The scale bench as a host ships the library: the package built as published (`dist`), a host
// app around it (bench/scale-app) built for production by Vite and served as static files by
// `vite preview`, and Debian's Chromium opening it over DevTools. The page runs the phases
// (scale-run.ts); this side gives it the browser's own key input, the CPU watch and profiles,
// and writes its results. No dev server compiles or serves modules while the page is measured,
// and no test runner's page shares its main thread.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tailwindcss from '@tailwindcss/vite';
import { build, preview } from 'vite';
import { launchBrowser } from '../../e2e/browser';
import { freePort, repoRoot } from '../../e2e/demo-process';
import { startCpuWatch, stopCpuWatch } from './cpu-watch';
import { heapSnapshot, type Profiling, startProfile, stopProfile } from './devtools';
import type { ScaleDriver } from './scale-run';
import { resultsDir, writeResults } from './write-node';

const appDir = join(repoRoot, 'bench', 'scale-app');
/** `MEDIALOFT_BENCH_PROFILE` (README, Benchmarks): `1`, `trace`, `heap` or `gc`. */
const PROFILE = process.env.MEDIALOFT_BENCH_PROFILE ?? '';
/**
 * `MEDIALOFT_BENCH_CPU_SLOWDOWN` (README, Benchmarks): runs the page's main thread this many
 * times slower (DevTools' CPU throttling), as on a slower machine than this one. A phase whose
 * tasks stay under 50 ms at 2× has room to spare; one that misses at 2× shows which task would
 * miss first.
 */
const SLOWDOWN = Number(process.env.MEDIALOFT_BENCH_CPU_SLOWDOWN ?? '1');
/**
 * `MEDIALOFT_BENCH_BUSY_CORES` (README, Benchmarks): this many processes that each keep a core
 * busy while the page runs, as a neighbour's build or a second app would. Unlike the slowdown,
 * they take cores from every thread and process of the browser, the engine's collector included.
 */
const BUSY_CORES = Number(process.env.MEDIALOFT_BENCH_BUSY_CORES ?? '0');
/**
 * A busy neighbour: it spins, and about every tenth of a second checks that the bench still
 * runs, so a bench stopped by force (Ctrl+C) leaves no process spinning behind it.
 */
const NEIGHBOUR = `const bench = process.ppid;
for (;;) {
  for (let i = 0; i < 1e8; i++);
  try { process.kill(bench, 0); } catch { process.exit(); }
}`;
/** The longest a run may take, seeding included, before it is stopped as failed. */
const RUN_LIMIT_MS = 15 * 60_000;

/** Builds the media library's `dist`, as `pnpm pack` ships it. */
function buildLibrary(): void {
  const tsup = spawnSync(join(repoRoot, 'node_modules', '.bin', 'tsup'), ['--silent'], {
    stdio: 'inherit',
    cwd: join(repoRoot, 'packages', 'media-library'),
  });
  if (tsup.status !== 0) throw new Error('the media library did not build');
}

/** Builds the preset's page of the host app into `outDir`. */
async function buildApp(preset: 'mantine' | 'tailwind', outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: appDir,
    logLevel: 'warn',
    plugins: [tailwindcss()],
    define: { __BENCH_PROFILE__: JSON.stringify(PROFILE) },
    resolve: { dedupe: ['react', 'react-dom'] },
    // The seeding worker imports modules of its own.
    worker: { format: 'es' },
    build: {
      outDir,
      emptyOutDir: true,
      // Minified, as a host ships it. A profiled run keeps the names, so its profiles name the
      // functions, and has React in a chunk of its own, which long-tasks.mjs tells apart by name.
      minify: PROFILE === '',
      sourcemap: true,
      rolldownOptions: {
        input: join(appDir, `${preset}.html`),
        // The library's `'use client'` lines: Vite drops this warning for packages under
        // node_modules, where a host installs the library; here it comes from the workspace.
        onwarn(warning, warn) {
          if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
        },
        output:
          PROFILE === ''
            ? {}
            : {
                codeSplitting: {
                  groups: [
                    { name: 'react-dom', test: /node_modules[\\/](react-dom|scheduler)[\\/]/ },
                  ],
                },
              },
      },
    },
  });
}

/**
 * Builds and serves the preset's page, runs the scale bench in it and writes its results to
 * `bench/results`. Rejects if the page's run failed (the results say which phase).
 */
export async function runScaleApp(preset: 'mantine' | 'tailwind'): Promise<void> {
  if (!(SLOWDOWN >= 1)) throw new Error('MEDIALOFT_BENCH_CPU_SLOWDOWN must be a number ≥ 1');
  if (!(BUSY_CORES >= 0)) throw new Error('MEDIALOFT_BENCH_BUSY_CORES must be a number ≥ 0');
  buildLibrary();
  const outDir = mkdtempSync(join(tmpdir(), 'medialoft-scale-app-'));
  mkdirSync(resultsDir, { recursive: true });
  let server: Awaited<ReturnType<typeof preview>> | undefined;
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  const neighbours: ChildProcess[] = [];
  try {
    await buildApp(preset, outDir);
    const port = await freePort();
    server = await preview({
      configFile: false,
      root: appDir,
      logLevel: 'warn',
      build: { outDir },
      preview: { host: '127.0.0.1', port, strictPort: true, open: false },
    });
    browser = await launchBrowser({
      // Exact `performance.memory` figures, `gc()` for MEDIALOFT_BENCH_PROFILE=gc, and the V8
      // flags of `MEDIALOFT_BENCH_JS_FLAGS` (README, Benchmarks: the collector's figures).
      args: [
        '--enable-precise-memory-info',
        `--js-flags=--expose-gc ${process.env.MEDIALOFT_BENCH_JS_FLAGS ?? ''}`.trim(),
      ],
    });
    const { context } = browser;
    const page = context.pages()[0] ?? (await context.newPage());
    const input = await context.newCDPSession(page);
    let environment = await page.evaluate(() => navigator.userAgent);
    if (SLOWDOWN > 1) {
      await input.send('Emulation.setCPUThrottlingRate', { rate: SLOWDOWN });
      environment += `; main thread slowed ${SLOWDOWN}× (DevTools CPU throttling)`;
      console.log(`main thread slowed ${SLOWDOWN}× (MEDIALOFT_BENCH_CPU_SLOWDOWN)`);
    }
    for (let i = 0; i < BUSY_CORES; i++)
      neighbours.push(spawn(process.execPath, ['-e', NEIGHBOUR], { stdio: 'ignore' }));
    if (BUSY_CORES > 0) {
      environment += `; ${BUSY_CORES} core(s) kept busy by a neighbour`;
      console.log(`${BUSY_CORES} core(s) kept busy (MEDIALOFT_BENCH_BUSY_CORES)`);
    }

    let profiling: Profiling | undefined;
    const driver: ScaleDriver = {
      key: async (params) => {
        await input.send('Input.dispatchKeyEvent', params as never);
      },
      startProfile: async (sample) => {
        profiling = await startProfile(context, page, sample);
      },
      stopProfile: async (name) => {
        if (!profiling) throw new Error('stopProfile without startProfile');
        const current = profiling;
        profiling = undefined;
        await stopProfile(current, join(resultsDir, name));
      },
      heapSnapshot: (name) => heapSnapshot(context, page, join(resultsDir, `${name}.heapsnapshot`)),
      startCpuWatch: async () => startCpuWatch(),
      stopCpuWatch: async (windows) => stopCpuWatch(windows),
      writeResults: async (suite, rows) => writeResults(suite, rows, environment),
    };
    for (const [name, tool] of Object.entries(driver))
      await page.exposeFunction(`scaleBench_${name}`, tool);

    let end: (error?: string) => void = () => {};
    const ended = new Promise<string | undefined>((resolve) => {
      end = resolve;
    });
    await page.exposeFunction('scaleBench_finish', (error?: string) => end(error));
    page.on('crash', () => end('the page crashed'));
    setTimeout(() => end(`no end after ${RUN_LIMIT_MS / 60_000} min`), RUN_LIMIT_MS).unref();
    page.on('console', (message) => console.log(message.text()));
    page.on('pageerror', (error) => console.error(`page error: ${error.stack ?? error.message}`));
    await page.goto(`http://127.0.0.1:${port}/${preset}.html`);
    const error = await ended;
    if (error) throw new Error(`the ${preset} scale bench failed: ${error}`);
  } finally {
    for (const neighbour of neighbours) neighbour.kill();
    await browser?.close();
    await server?.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}
