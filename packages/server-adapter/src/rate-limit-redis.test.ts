// Rate limits shared through a REAL redis-server (Debian package), started on a free loopback
// port by this test: two app instances behind one "load balancer" hold the limit together.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImageServer } from './app';
import { fakeProviders, fakeRegistry, startRedis } from './testing/fakes';

let redis: Awaited<ReturnType<typeof startRedis>>;
const clients: Redis[] = [];

beforeAll(async () => {
  redis = await startRedis();
}, 20_000);
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await redis?.stop();
});

async function instance(keyPrefix: string) {
  const client = new Redis(redis.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  client.on('error', () => undefined);
  clients.push(client);
  await new Promise<void>((resolve) => client.once('ready', () => resolve()));
  return createImageServer({
    providers: fakeProviders().providers,
    registry: fakeRegistry(),
    logger: { info() {}, warn() {}, error() {} },
    rateLimit: { points: 3, durationSec: 60, redis: client, keyPrefix },
    authorize: (c) => c.req.header('x-user'),
  });
}

const request = (user: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-user': user },
  body: JSON.stringify({ prompt: 'p', width: 32, height: 24 }),
});

describe('rate limits in Redis', () => {
  it('two instances sharing one Redis hold one limit per user', async () => {
    const prefix = `rl-test-${Date.now()}`;
    const [a, b] = [await instance(prefix), await instance(prefix)];
    const statuses: number[] = [];
    const remaining: Array<string | null> = [];
    // Round-robin across the instances, as a load balancer would.
    for (const app of [a, b, a, b]) {
      const res = await app.request('/api/ai/images/generate', request('ada'));
      statuses.push(res.status);
      remaining.push(res.headers.get('ratelimit-remaining'));
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(remaining).toEqual(['2', '1', '0', '0']);
    // Another user has their own budget on either instance.
    expect((await b.request('/api/ai/images/generate', request('grace'))).status).toBe(200);
    // The counter really lives in Redis.
    const keys = await clients[0]!.keys(`${prefix}*`);
    expect(keys.length).toBe(2);
  });

  it('instances with separate memory stores would not have held it (the reason for Redis)', async () => {
    const memory = () =>
      createImageServer({
        providers: fakeProviders().providers,
        registry: fakeRegistry(),
        logger: { info() {}, warn() {}, error() {} },
        rateLimit: { points: 3, durationSec: 60 },
        authorize: (c) => c.req.header('x-user'),
      });
    const [a, b] = [memory(), memory()];
    const statuses: number[] = [];
    for (const app of [a, b, a, b]) {
      statuses.push((await app.request('/api/ai/images/generate', request('ada'))).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200]);
  });

  it('keeps limiting from memory when Redis goes away', async () => {
    const app = await instance(`rl-outage-${Date.now()}`);
    clients.at(-1)!.disconnect();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await app.request('/api/ai/images/generate', request('linus'))).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});
