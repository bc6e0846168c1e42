// A test page that opens a library, bundled from source by esbuild (the library's workers as
// their own entries, served where the library's `new URL(..., import.meta.url)` looks for
// them) and served from memory on a free loopback port.
import { createServer, type Server } from 'node:http';
import { basename, join } from 'node:path';
import { build } from 'esbuild';
import { freePort, repoRoot } from './demo-process';

/** A served page: its URL, and `stop()`. */
export interface LibraryPageServer {
  url: string;
  stop(): Promise<void>;
}

const thumbnailWorker = join(
  repoRoot,
  'packages/media-library/src/core/import/thumbnail-worker.ts',
);

/** Bundles `entry` (a path from the repository root) and serves it as the page's script. */
export async function serveLibraryPage(entry: string): Promise<LibraryPageServer> {
  const result = await build({
    entryPoints: { page: join(repoRoot, entry), 'thumbnail-worker': thumbnailWorker },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@medialoft/source'],
    outdir: '/bundle',
    write: false,
    logLevel: 'warning',
  });
  const files = new Map<string, Uint8Array>();
  for (const file of result.outputFiles) files.set(`/${basename(file.path)}`, file.contents);
  const html =
    '<!doctype html><html><head><meta charset="utf-8"><title>library page</title></head>' +
    '<body><script type="module" src="/page.js"></script></body></html>';

  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    // The library asks for its worker by its source name, next to the chunk that starts it.
    const name = path.endsWith('/thumbnail-worker.ts') ? '/thumbnail-worker.js' : path;
    const body = files.get(name);
    if (path === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    } else if (body) {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(body);
    } else {
      response.writeHead(404).end();
    }
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
