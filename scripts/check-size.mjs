#!/usr/bin/env node
// Checks the size budgets of .size-limit.mjs against the built dist (run `node scripts/build.mjs`
// first) and prints every figure, gzip kB against its budget. Exits 1 when one is over.
//   node scripts/check-size.mjs          the check, as the test command runs it
//   node scripts/check-size.mjs --json   the figures as JSON (`pnpm bench` reads them)
//   node scripts/check-size.mjs --why    the heaviest source modules of each budgeted entry
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;
const configFile = join(root, '.size-limit.mjs');

/**
 * Measures every entry of .size-limit.mjs with size-limit: `{ name, bytes, limitBytes?,
 * passed? }` each, sizes minified and gzipped.
 */
export async function measureSizes() {
  const { default: checks } = await import(pathToFileURL(configFile).href);
  for (const check of checks) {
    for (const file of [check.path].flat()) {
      if (!existsSync(join(root, file))) {
        throw new Error(`${file} is missing: build first with "node scripts/build.mjs".`);
      }
    }
  }
  const run = spawnSync(join(root, 'node_modules', '.bin', 'size-limit'), ['--json'], {
    cwd: root,
    encoding: 'utf8',
  });
  let results;
  try {
    results = JSON.parse(run.stdout);
  } catch {
    throw new Error(`size-limit gave no figures:\n${run.stdout}\n${run.stderr}`);
  }
  return results.map((result) => ({
    name: result.name,
    bytes: result.size,
    limitBytes: result.sizeLimit,
    passed: result.passed,
  }));
}

const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;

/** Prints the heaviest modules (minified bytes) of each budgeted entry, bundled from source. */
async function why() {
  const { build } = await import('esbuild');
  const { default: checks } = await import(pathToFileURL(configFile).href);
  const source = (file) =>
    join(
      root,
      file.replace(/\/dist\/(.*)\.js$/, (_, entry) => `/src/${entry}.ts`),
    );
  for (const check of checks.filter((c) => c.limit && c.import)) {
    const contents = Object.entries(check.import)
      .map(([file, names]) => `export ${names} from ${JSON.stringify(source(file))};`)
      .join('\n');
    const result = await build({
      stdin: { contents, resolveDir: root, loader: 'js' },
      bundle: true,
      format: 'esm',
      minify: true,
      write: false,
      metafile: true,
      outdir: join(root, 'node_modules', '.cache', 'check-size'),
      external: check.ignore,
      jsx: 'automatic',
      logLevel: 'error',
      // As in the budget: what loads on first use is not part of the entry.
      plugins: [
        {
          name: 'loaded-on-first-use',
          setup(b) {
            b.onResolve({ filter: /.*/ }, (args) =>
              args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined,
            );
          },
        },
      ],
    });
    const [output] = Object.values(result.metafile.outputs);
    const modules = Object.entries(output.inputs)
      .map(([path, { bytesInOutput }]) => [path, bytesInOutput])
      .filter(([, bytes]) => bytes > 0)
      .sort((a, b) => b[1] - a[1]);
    console.log(`\n${check.name}: ${kB(output.bytes)} minified, before gzip; heaviest modules:`);
    for (const [path, bytes] of modules.slice(0, 20)) {
      console.log(`  ${String(bytes).padStart(6)} B  ${path}`);
    }
  }
}

async function main() {
  const args = process.argv.slice(2);
  if (args.includes('--why')) return why();
  const sizes = await measureSizes();
  if (args.includes('--json')) {
    console.log(JSON.stringify(sizes, null, 2));
    return;
  }
  const rows = [['entry (minified + gzip)', 'size', 'budget', '']];
  for (const size of sizes) {
    const budget = size.limitBytes === undefined ? '' : kB(size.limitBytes);
    const verdict = size.limitBytes === undefined ? '' : size.passed ? 'ok' : 'OVER';
    rows.push([size.name, kB(size.bytes), budget, verdict]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  '));
  const over = sizes.filter((size) => size.passed === false);
  if (over.length > 0) {
    console.error(
      `\n${over.map((size) => size.name).join(', ')}: over budget. ` +
        '`node scripts/check-size.mjs --why` lists the heaviest modules; load what only some ' +
        'actions need with a dynamic import() rather than raising the budget.',
    );
    process.exitCode = 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
