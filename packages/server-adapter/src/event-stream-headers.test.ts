// The generate event stream must reach the browser event by event when the server is mounted
// inside a host that compresses responses (Next.js's server does by default) or sits behind a
// buffering proxy: its headers tell both to pass it through untouched.
import { createLocalProvider } from '@medialoft/ai-connect';
import { describe, expect, it } from 'vitest';
import { createImageServer } from './app';

const silent = { info() {}, warn() {}, error() {} };

describe('the generate event stream', () => {
  it('is marked no-transform and unbuffered', async () => {
    const app = createImageServer({
      providers: { local: createLocalProvider() },
      logger: silent,
      rateLimit: false,
    });
    const res = await app.request('/api/ai/images/generate', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ prompt: 'a lighthouse', width: 64, height: 64 }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('cache-control')).toMatch(/\bno-transform\b/);
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    expect(await res.text()).toMatch(/^event: done$/m);
  });
});
