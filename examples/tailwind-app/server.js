// The image server, as the MediaLoft README shows it: the keyless local generator always,
// Replicate or OpenAI when their key is in the environment. Vite proxies /api here.
import { serve } from '@hono/node-server';
import { providersFromEnv } from '@medialoft/ai-connect';
import { createImageServer } from '@medialoft/server-adapter';

const port = Number(process.env.PORT ?? 8787);
const { providers } = providersFromEnv(process.env); // local always; Replicate/OpenAI by key
serve({ fetch: createImageServer({ providers }).fetch, port, hostname: '127.0.0.1' }, () => {
  console.log(`image server on http://127.0.0.1:${port}/api/ai`);
});
