// A plain Node script, as a user would write one: open a library, import a file, read it back
// through an object URL, and return. It must end by itself: no close(), no process.exit().
// Run by library-node-exit.test.ts; prints what it did so the test can tell it really ran.
// idb, under the library's database code, checks `instanceof IDBRequest` and the like, so
// Node needs fake-indexeddb's globals even with the factory passed in.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { createMediaLibrary } from '../library';
import { createMemoryBlobStore } from '../storage/memory-blob-store';

// A 1×1 PNG.
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

const library = createMediaLibrary({
  name: 'node-script',
  indexedDB: new IDBFactory(),
  blobStore: createMemoryBlobStore(),
  // Longer than the test waits: a grace timer that held the process would be seen.
  urlGraceMs: 60_000,
});
await library.ready;
const [result] = await library.importFiles([new File([png], 'dot.png', { type: 'image/png' })]);
if (result?.status !== 'imported') throw new Error(`import ended as ${result?.status}`);
const { url, release } = await library.urls.acquire(result.asset.id, 'original');
// Released, the URL waits out its grace period on a timer before it is revoked.
release();
console.log(
  `${result.status} ${result.asset.mimeType} ${library.query().total} ${url.slice(0, 5)}`,
);
