#!/usr/bin/env node
// The packages as a host app gets them: packed to tarballs (publishConfig applied), installed
// with npm into copies of examples/next-app, examples/vite-app and examples/tailwind-app (Vite
// with Tailwind CSS v4 and the Tailwind preset), built and served in production mode, then
// walked in Chromium (scripts/host-app-walk.mjs). A missing file, a wrong export or a
// server-rendering crash fails here as it would for a user. Expects `node scripts/build.mjs`
// to have run. MEDIALOFT_NPM_CACHE reuses an npm cache between runs (default: a fresh one per
// run); MEDIALOFT_KEEP_HOST_APPS=1 keeps the temporary directory; `--only tailwind-app` (or
// another app's name, comma-separated) runs only those apps.
import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { providerCredentialEnv } from '../packages/ai-connect/src/provider-env.ts';
import { walkHostApp } from './host-app-walk.mjs';

const root = new URL('..', import.meta.url).pathname;
const packages = ['media-library', 'ai-connect', 'server-adapter'];
const work = mkdtempSync(join(tmpdir(), 'medialoft-host-apps-'));
const npmCache = process.env.MEDIALOFT_NPM_CACHE ?? join(work, 'npm-cache');

/** Every long-running process this script started, to stop even when a step fails. */
const running = new Set();

// Keys in the caller's environment must not reach the apps: the walk checks the keyless path.
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', npm_config_cache: npmCache };
// Every provider's variable, from the one list ai-connect reads, so a provider added later is
// stripped too.
for (const name of Object.values(providerCredentialEnv)) delete env[name];

const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)}s`;

/** Runs a command to its end; rejects with its output when it fails. */
function run(cmd, args, cwd, extraEnv = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...env, ...extraEnv } });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${code}:\n${output}`));
    });
  });
}

/** Starts a server in its own process group, so stopping it also stops what it spawned. */
function start(label, cmd, args, cwd, extraEnv = {}) {
  const child = spawn(cmd, args, { cwd, env: { ...env, ...extraEnv }, detached: true });
  const entry = { label, child, output: '' };
  const keep = (chunk) => {
    entry.output = (entry.output + chunk).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.on('exit', () => running.delete(entry));
  running.add(entry);
  return entry;
}

function stop(entry) {
  running.delete(entry);
  if (entry.child.exitCode !== null || entry.child.signalCode !== null) return;
  try {
    process.kill(-entry.child.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}

function stopAll() {
  for (const entry of [...running]) stop(entry);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Waits until `url` answers 2xx, or fails with the server's output. */
async function waitFor(url, entry, timeoutMs = 90_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (entry.child.exitCode !== null) {
      throw new Error(`${entry.label} exited ${entry.child.exitCode}:\n${entry.output}`);
    }
    const ok = await fetch(url, { signal: AbortSignal.timeout(5_000) }).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${entry.label} did not answer ${url} within ${timeoutMs} ms:\n${entry.output}`);
}

async function pack() {
  const dir = join(work, 'tarballs');
  mkdirSync(dir);
  await Promise.all(
    packages.map((name) => {
      const cwd = join(root, 'packages', name);
      if (!existsSync(join(cwd, 'dist'))) {
        throw new Error(`packages/${name}/dist is missing: run "node scripts/build.mjs" first.`);
      }
      return run('npx', ['-y', 'pnpm@10', 'pack', '--pack-destination', dir], cwd);
    }),
  );
  return readdirSync(dir)
    .filter((file) => file.endsWith('.tgz'))
    .map((file) => join(dir, file));
}

/** A copy of examples/<name> with the tarballs and its own dependencies installed by npm. */
async function install(name, tarballs) {
  const dir = join(work, name);
  cpSync(join(root, 'examples', name), dir, {
    recursive: true,
    filter: (src) => !/[\\/](node_modules|\.next|dist)$/.test(src),
  });
  await run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', '--prefer-offline', ...tarballs],
    dir,
  );
  return dir;
}

const bin = (dir, name) => join(dir, 'node_modules', '.bin', name);

async function nextApp(dir) {
  await run(bin(dir, 'next'), ['build'], dir);
  const port = await freePort();
  const server = start(
    'next start',
    bin(dir, 'next'),
    ['start', '-p', `${port}`, '-H', '127.0.0.1'],
    dir,
  );
  try {
    const origin = `http://127.0.0.1:${port}`;
    await waitFor(`${origin}/api/ai/health`, server);
    await walkHostApp(origin, 'examples/next-app');
  } catch (error) {
    error.message += `\n--- next start output ---\n${server.output}`;
    throw error;
  } finally {
    stop(server);
  }
}

/**
 * A fake provider key in the build's environment, under the bare name and under Vite's public
 * prefix as a careless setup might: it must reach no file the browser loads.
 */
const canaryKey = 'r8_host_app_CANARY';

/** Every file under `dir`. */
function listFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

async function viteApp(dir, label = 'examples/vite-app', walk = walkHostApp) {
  await run(bin(dir, 'vite'), ['build'], dir, {
    REPLICATE_API_TOKEN: canaryKey,
    VITE_REPLICATE_API_TOKEN: canaryKey,
  });
  const leaked = listFiles(join(dir, 'dist')).filter((file) =>
    readFileSync(file, 'latin1').includes(canaryKey),
  );
  if (leaked.length > 0) {
    throw new Error(`${label}: a provider key from the build's environment is in ${leaked}`);
  }
  const [apiPort, webPort] = [await freePort(), await freePort()];
  const api = start('image server', process.execPath, ['server.js'], dir, { PORT: `${apiPort}` });
  const web = start(
    'vite preview',
    bin(dir, 'vite'),
    ['preview', '--host', '127.0.0.1', '--port', `${webPort}`, '--strictPort'],
    dir,
    { MEDIALOFT_API_ORIGIN: `http://127.0.0.1:${apiPort}` },
  );
  try {
    const origin = `http://127.0.0.1:${webPort}`;
    await waitFor(`http://127.0.0.1:${apiPort}/api/ai/health`, api);
    await waitFor(`${origin}/api/ai/health`, web);
    await walk(origin, label);
  } catch (error) {
    error.message += `\n--- image server output ---\n${api.output}\n--- vite preview output ---\n${web.output}`;
    throw error;
  } finally {
    stop(web);
    stop(api);
  }
}

const allApps = [
  ['next-app', nextApp],
  ['vite-app', (dir) => viteApp(dir)],
  [
    'tailwind-app',
    (dir) =>
      viteApp(dir, 'examples/tailwind-app', (origin, label) =>
        walkHostApp(origin, label, 'tailwind'),
      ),
  ],
];
const onlyFlag = process.argv.indexOf('--only');
const only = onlyFlag < 0 ? undefined : (process.argv[onlyFlag + 1] ?? '').split(',');
const apps = only ? allApps.filter(([name]) => only.includes(name)) : allApps;
if (apps.length === 0) {
  console.error(`--only names none of ${allApps.map(([name]) => name).join(', ')}`);
  process.exit(2);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopAll();
    process.exit(130);
  });
}

let failed = false;
try {
  let started = Date.now();
  const tarballs = await pack();
  console.log(`packed ${tarballs.length} tarballs (${seconds(started)})`);
  started = Date.now();
  // Installing is mostly waiting on the registry, so the apps install at once; building and
  // walking are CPU-bound and go one app at a time.
  const installed = apps.map(([name]) => {
    const since = Date.now();
    return install(name, tarballs).then((dir) => ({ dir, installMs: Date.now() - since }));
  });
  await Promise.allSettled(installed);
  console.log(`installed ${apps.length} apps from the tarballs (${seconds(started)})`);
  for (const [index, [name, walk]] of apps.entries()) {
    const { dir, installMs } = await installed[index];
    const since = Date.now();
    await walk(dir);
    console.log(
      `✔ examples/${name}: install ${(installMs / 1000).toFixed(1)}s, build + serve + walk ${seconds(since)}`,
    );
  }
} catch (error) {
  failed = true;
  console.error(`✖ host apps: ${error instanceof Error ? error.message : error}`);
} finally {
  stopAll();
  if (process.env.MEDIALOFT_KEEP_HOST_APPS === '1') console.log(`kept ${work}`);
  else {
    const since = Date.now();
    rmSync(work, { recursive: true, force: true });
    console.log(`removed the temporary apps and npm cache (${seconds(since)})`);
  }
}
process.exit(failed ? 1 : 0);
