// Writes the scale bench's records into a library's database, off the page that measures: a
// person opens a library that an earlier visit wrote, so the page starts without the garbage
// of 100,000 writes (their requests, promises and records) for its collector to work through
// while it opens the library.
import { openLibraryDb } from '../../packages/media-library/src/core/db';
import { COUNT, record } from './scale-records';

const SEED_BATCH = 10_000;

async function seed(name: string): Promise<void> {
  const db = await openLibraryDb(name, indexedDB);
  for (let start = 0; start < COUNT; start += SEED_BATCH) {
    const tx = db.transaction('assets', 'readwrite');
    for (let i = start; i < Math.min(COUNT, start + SEED_BATCH); i++) tx.store.put(record(i));
    await tx.done;
  }
  db.close();
}

self.onmessage = (event: MessageEvent<{ name: string }>) => {
  seed(event.data.name).then(
    () => self.postMessage({ done: true }),
    (error: unknown) => self.postMessage({ error: String(error) }),
  );
};
