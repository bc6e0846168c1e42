// Starts the demo the way a user does (`node scripts/demo.mjs`, here with `--preview`: a
// production build served by `vite preview`), on free ports, and stops its whole process group.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** A running demo. */
export interface DemoProcess {
  /** The web app, e.g. `http://127.0.0.1:41234/`. */
  webUrl: string;
  /** The image server's API base, e.g. `http://127.0.0.1:41235/api/ai`. */
  apiUrl: string;
  /** Everything the demo printed so far (server log lines included). */
  output(): string;
  /** Stops the server and the web app; resolves once the process group is gone. */
  stop(): Promise<void>;
}

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const address = server.address();
        const port = typeof address === 'object' && address ? address.port : 0;
        server.close(() => resolve(port));
      });
  });
}

/**
 * Runs `scripts/demo.mjs --preview` with `env` added and waits (at most `timeoutMs`) for it
 * to print that both parts answer.
 */
export async function startDemo(
  env: Record<string, string>,
  timeoutMs = 150_000,
): Promise<DemoProcess> {
  const [apiPort, webPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, ['scripts/demo.mjs', '--preview'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      ...env,
      PORT: String(apiPort),
      DEMO_PORT: String(webPort),
      DEMO_HOST: '127.0.0.1',
      NO_COLOR: '1',
    },
    // Its own process group, so stop() reaches vite and tsx's children too.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  const stop = () => stopGroup(child);

  const started = Date.now();
  while (!log.includes('MediaLoft demo is running')) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The demo exited while starting:\n${log}`);
    }
    if (Date.now() - started > timeoutMs) {
      await stop();
      throw new Error(`The demo did not start within ${timeoutMs / 1000}s:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    webUrl: `http://127.0.0.1:${webPort}/`,
    apiUrl: `http://127.0.0.1:${apiPort}/api/ai`,
    output: () => log,
    stop,
  };
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), signal);
    } catch {
      // Already gone.
    }
  };
  signalGroup('SIGTERM');
  const timer = setTimeout(() => signalGroup('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
  // Whatever the script left behind in its group (it should be nothing) goes too.
  signalGroup('SIGKILL');
}
