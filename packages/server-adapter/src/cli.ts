// The server script (`pnpm run server`): serves the app configured from the environment and
// shuts down cleanly on SIGINT/SIGTERM. Importable code lives in node.ts; this file only runs.
import { serveFromEnv } from './node';

const running = serveFromEnv(process.env);

let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  running.server.logger.info('shutting down', { signal });
  // Running generations get ten seconds to finish before the process gives up on them.
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  running.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
