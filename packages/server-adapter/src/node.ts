// @medialoft/server-adapter/node: serves the app configured from the environment on Node's
// HTTP server. Importing it starts nothing; `cli.ts` (`pnpm run server`) is the script that
// calls serveFromEnv and wires the process signals.
import { type ServerType, serve } from '@hono/node-server';
import {
  createServerFromEnv,
  type ServerFromEnv,
  type ServerFromEnvOptions,
} from './server-from-env';

/** A running image server, from {@link serveFromEnv}. */
export interface RunningImageServer {
  /** The app and its configuration, as {@link createServerFromEnv} made them. */
  server: ServerFromEnv;
  /** Node's HTTP server. */
  http: ServerType;
  /** Resolves with the port and address once the server is listening. */
  listening: Promise<{ port: number; address: string }>;
  /**
   * Stops taking connections, lets running generations finish, then releases what the app
   * holds (the Redis connection). Idempotent.
   */
  close(): Promise<void>;
}

/**
 * Serves {@link createServerFromEnv}'s app on `PORT` and `HOST` (default `8787` on
 * `127.0.0.1`), logging one line once listening (never a key). Signals are the caller's:
 * a script that wants SIGINT/SIGTERM to stop it calls `close()` from its own handlers.
 *
 * @example
 * import { serveFromEnv } from '@medialoft/server-adapter/node';
 * const running = serveFromEnv(process.env);
 * process.on('SIGTERM', () => void running.close().then(() => process.exit(0)));
 */
export function serveFromEnv(
  env: Record<string, string | undefined> = process.env,
  options: ServerFromEnvOptions = {},
): RunningImageServer {
  const server = createServerFromEnv(env, options);
  let resolveListening: (info: { port: number; address: string }) => void = () => {};
  const listening = new Promise<{ port: number; address: string }>((resolve) => {
    resolveListening = resolve;
  });
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
      resolveListening({ port: info.port, address: info.address });
    },
  );

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve, reject) => {
      http.close(() => {
        server.close().then(resolve, reject);
      });
      // Idle keep-alive sockets would hold close() open until they time out.
      (http as { closeIdleConnections?: () => void }).closeIdleConnections?.();
    });
    return closing;
  };
  return { server, http, listening, close };
}
