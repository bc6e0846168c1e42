// The Node entry (`pnpm run server`): serves the app configured from the environment, logs one
// line at start (never a key), and shuts down cleanly on SIGINT/SIGTERM.
import { serve } from '@hono/node-server';
import { createServerFromEnv } from './server-from-env';

const server = createServerFromEnv(process.env);

const http = serve(
  { fetch: server.app.fetch, port: server.port, hostname: server.hostname },
  (info) => {
    server.logger.info('image server listening', {
      port: info.port,
      address: info.address,
      basePath: server.basePath,
      liveProviders: server.liveProviders,
      rateLimitStore: server.redis ? 'redis' : 'memory',
    });
  },
);

let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  server.logger.info('shutting down', { signal });
  // Stop taking connections, let running generations finish, then release Redis.
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  http.close(() => {
    void server.close().finally(() => process.exit(0));
  });
  (http as { closeIdleConnections?: () => void }).closeIdleConnections?.();
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
