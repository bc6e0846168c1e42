#!/usr/bin/env node
// `pnpm demo`: starts the image server and the demo web app together, prints both addresses,
// and stops both when either stops or on Ctrl+C. `--preview` serves a production build instead.
//
// Environment: PORT (image server, default 8787), DEMO_PORT (web app, default the first free
// port from 5173), DEMO_HOST (default localhost). demo/.env.local is read into the server's
// environment only (variables already set win), so a REPLICATE_API_TOKEN there switches on
// Replicate's models without reaching the browser: Vite never sees that file.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const preview = process.argv.includes('--preview');
const viteConfig = join(root, 'demo', 'vite.config.ts');
const startTimeoutMs = 90_000;

/** The variables of demo/.env.local (or of DEMO_ENV_FILE, for tests), or none. */
function readEnvFile() {
  const file = process.env.DEMO_ENV_FILE ?? join(root, 'demo', '.env.local');
  if (!existsSync(file)) return {};
  try {
    return parseEnv(readFileSync(file, 'utf8'));
  } catch (error) {
    fail(`Could not read ${file}: ${error.message}. Use KEY=value lines.`);
  }
}

function fail(message) {
  console.error(`\n✖ ${message}`);
  process.exit(1);
}

/** Whether nothing listens on `port` (any interface). */
function isFree(port) {
  return new Promise((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .once('listening', () => probe.close(() => resolve(true)))
      .listen(port);
  });
}

async function firstFreePort(from) {
  for (let port = from; port < from + 50; port++) if (await isFree(port)) return port;
  fail(`No free port between ${from} and ${from + 49} for the web app; set DEMO_PORT.`);
}

function parsePort(value, name) {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    fail(`${name} must be a port number (1-65535), not "${value}".`);
  }
  return port;
}

/** Polls `url` until it answers 2xx, the child dies, or the time is up. */
async function waitFor(url, child, label) {
  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      fail(`The ${label} stopped while starting (see its output above).`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return response;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  fail(`The ${label} did not answer at ${url} within ${startTimeoutMs / 1000}s.`);
}

const children = [];
let stopping = false;

/** Stops every child (they get the signal too, if it came from the terminal), then exits. */
function stopAll(code, signal = 'SIGTERM') {
  if (stopping) return;
  stopping = true;
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  }
  const force = setTimeout(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    process.exit(code);
  }, 5000);
  force.unref();
  Promise.all(
    children.map((child) =>
      child.exitCode !== null || child.signalCode !== null
        ? null
        : new Promise((resolve) => child.once('exit', resolve)),
    ),
  ).then(() => process.exit(code));
}

function start(label, command, args, env) {
  const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
  children.push(child);
  child.once('error', (error) => {
    console.error(`✖ Could not start the ${label}: ${error.message}`);
    stopAll(1);
  });
  child.once('exit', (code, signal) => {
    if (stopping) return;
    console.error(
      `\n✖ The ${label} stopped (${signal ?? `exit code ${code}`}); stopping the demo.`,
    );
    stopAll(code || 1);
  });
  return child;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => stopAll(0, signal));
}

const fileEnv = readEnvFile();
const apiPort = parsePort(process.env.PORT ?? fileEnv.PORT ?? '8787', 'PORT');
if (!(await isFree(apiPort))) {
  fail(
    `Port ${apiPort} is in use, so the image server cannot start. Stop what uses it or set PORT.`,
  );
}
const webPort = process.env.DEMO_PORT
  ? parsePort(process.env.DEMO_PORT, 'DEMO_PORT')
  : await firstFreePort(5173);
const webHost = process.env.DEMO_HOST ?? 'localhost';

// The server alone gets the file's variables (the real environment wins over the file).
// Two malloc arenas keep the transform route's memory from creeping up under glibc (see the
// server README); an operator's own setting wins.
const serverEnv = {
  MALLOC_ARENA_MAX: '2',
  ...fileEnv,
  ...process.env,
  PORT: String(apiPort),
};
// The web app gets the real environment only, plus where to proxy /api.
const webEnv = { ...process.env, MEDIALOFT_API_ORIGIN: `http://127.0.0.1:${apiPort}` };
delete webEnv.PORT;

// `pnpm server`'s command, as node with tsx's loader rather than the tsx CLI: one process, so
// a signal or a crash reaches the server itself and nothing is left orphaned.
const server = start(
  'image server',
  process.execPath,
  ['--import', 'tsx', '--conditions=@medialoft/source', 'packages/server-adapter/src/cli.ts'],
  serverEnv,
);

if (preview) {
  console.log('Building the demo for preview…');
  const build = spawn(bin('vite'), ['build', '--config', viteConfig], {
    cwd: root,
    env: webEnv,
    stdio: 'inherit',
  });
  const code = await new Promise((resolve) => build.once('exit', (c) => resolve(c ?? 1)));
  if (code !== 0) {
    console.error('✖ The demo build failed (see above).');
    stopAll(1);
  }
}
if (!stopping) {
  const mode = preview ? ['preview'] : [];
  const web = start(
    preview ? 'web app (preview)' : 'web app',
    bin('vite'),
    [...mode, '--config', viteConfig, '--host', webHost, '--port', String(webPort), '--strictPort'],
    webEnv,
  );

  const health = await waitFor(`http://127.0.0.1:${apiPort}/api/ai/health`, server, 'image server');
  const { liveProviders = [] } = await health.json().catch(() => ({}));
  const webUrl = `http://${webHost}:${webPort}/`;
  await waitFor(webUrl, web, 'web app');
  if (!stopping) {
    console.log(
      [
        '',
        'MediaLoft demo is running:',
        `  web app       ${webUrl}`,
        `  image server  http://localhost:${apiPort}/api/ai  (providers: ${liveProviders.join(', ') || 'none'})`,
        '',
        'Press Ctrl+C to stop both.',
      ].join('\n'),
    );
  }
}
