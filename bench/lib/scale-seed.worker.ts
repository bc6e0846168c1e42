// Writes the scale bench's records into a library's database, off the page that measures: a
// person opens a library that an earlier visit wrote, so the page starts without the garbage
// of 100,000 writes (their requests, promises and records) for its collector to work through
// while it opens the library.
//
// After writing, the worker reads every record once (as an earlier visit's opening did) and
// keeps a connection open until the page says `close`. Without that, the page's opening met
// the storage engine still settling the seed's 67 MB: with no connection left the browser
// closed the database's files a few seconds after the seed, dropping the compaction it had
// pending, and the page's open replayed the write log and compacted in the middle of the
// opening (traced: tasks of 250 to 320 ms of CPU in the browser's thread pool, beside the
// page's long tasks). A library a person opens was written and read on earlier visits.
import { libraryDbName } from '../../packages/media-library/src/core/db';
import { writeRecords } from './records';
import { COUNT, record } from './scale-records';

let held: IDBDatabase | undefined;

/** Reads every record once, in key order, as a library's opening does. */
async function readAll(db: IDBDatabase): Promise<void> {
  let after: string | undefined;
  for (;;) {
    const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
    const request = db.transaction('assets').objectStore('assets').getAllKeys(range, 10_000);
    const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    if (keys.length === 0) return;
    const last = keys[keys.length - 1] as string;
    const values = db
      .transaction('assets')
      .objectStore('assets')
      .getAll(IDBKeyRange.bound(keys[0], last));
    await new Promise((resolve, reject) => {
      values.onsuccess = resolve;
      values.onerror = () => reject(values.error);
    });
    after = last;
  }
}

self.onmessage = (event: MessageEvent<{ name: string } | 'close'>) => {
  if (event.data === 'close') {
    held?.close();
    self.postMessage({ closed: true });
    return;
  }
  const { name } = event.data;
  writeRecords(name, COUNT, record)
    .then(
      () =>
        new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open(libraryDbName(name));
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        }),
    )
    .then(async (db) => {
      held = db;
      await readAll(db);
    })
    .then(
      () => self.postMessage({ done: true }),
      (error: unknown) => self.postMessage({ error: String(error) }),
    );
};
