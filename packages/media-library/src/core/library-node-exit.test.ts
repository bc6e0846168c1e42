// A Node script that uses a library ends by itself once its work is done: neither the
// cross-tab BroadcastChannel nor an object URL's grace timer may hold the process open.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./testing/node-script.ts', import.meta.url));
const root = fileURLToPath(new URL('../../../..', import.meta.url));

/** Runs the script with tsx under plain `node`; a run still going after `killAfterMs` is killed. */
function runScript(killAfterMs: number) {
  return new Promise<{
    code: number | null;
    signal: string | null;
    stdout: string;
    stderr: string;
  }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: root,
      timeout: killAfterMs,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

describe('a library in a plain Node script', () => {
  it('lets the script exit by itself, with code 0, after importing a file', async () => {
    // Far longer than the script needs, so only a process something keeps alive is killed.
    const run = await runScript(20_000);
    expect(run.stderr).toBe('');
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe('imported image/png 1 blob:');
  }, 30_000);
});
