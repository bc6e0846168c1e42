// serveFromEnv (@medialoft/server-adapter/node): it serves the environment's app on a real
// port, logs where, and close() stops it; importing the module alone starts nothing.
import { describe, expect, it } from 'vitest';
import { createJsonLogger } from './log';
import { serveFromEnv } from './node';

describe('serveFromEnv', () => {
  it('serves the app on PORT and HOST, logs once listening, and close() stops it', async () => {
    const lines: string[] = [];
    const running = serveFromEnv(
      { PORT: '0', HOST: '127.0.0.1', RATE_LIMIT_REQUESTS: '0' },
      { logger: createJsonLogger({ write: (line) => lines.push(line) }) },
    );
    const { port, address } = await running.listening;
    expect(address).toBe('127.0.0.1');
    expect(port).toBeGreaterThan(0);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      msg: 'image server listening',
      port,
      liveProviders: ['local'],
    });

    const health = await fetch(`http://127.0.0.1:${port}/api/ai/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });

    await Promise.all([running.close(), running.close()]);
    expect(running.http.listening).toBe(false);
    await expect(fetch(`http://127.0.0.1:${port}/api/ai/health`)).rejects.toThrow();
  });
});
