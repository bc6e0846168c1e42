// Writes the scale bench's records into a library's database, off the page that measures: a
// person opens a library that an earlier visit wrote, so the page starts without the garbage
// of 100,000 writes (their requests, promises and records) for its collector to work through
// while it opens the library.
import { writeRecords } from './records';
import { COUNT, record } from './scale-records';

self.onmessage = (event: MessageEvent<{ name: string }>) => {
  writeRecords(event.data.name, COUNT, record).then(
    () => self.postMessage({ done: true }),
    (error: unknown) => self.postMessage({ error: String(error) }),
  );
};
