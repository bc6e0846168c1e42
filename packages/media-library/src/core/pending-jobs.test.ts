// The pending-generation store: records per library in their own database, oldest first,
// kept across connections, removed by token.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createPendingGenerationStore, pendingJobsDbName } from './pending-jobs';

const request = { prompt: 'a harbour at noon', width: 64, height: 48, model: 'local/placeholder' };

describe('createPendingGenerationStore', () => {
  it('keeps jobs per library, lists them oldest first, and forgets one by token', async () => {
    const factory = new IDBFactory();
    const photos = createPendingGenerationStore('photos', factory);
    await photos.put({ token: 'b', request, startedAt: 20, model: 'local/placeholder' });
    await photos.put({ token: 'a', request: { ...request, seed: 3 }, startedAt: 10 });
    await createPendingGenerationStore('other', factory).put({ token: 'c', request, startedAt: 5 });

    // A second store on the same origin (another tab, a reload) sees the same records.
    const again = createPendingGenerationStore('photos', factory);
    expect((await again.list()).map((job) => job.token)).toEqual(['a', 'b']);
    expect(await again.get('a')).toEqual({
      token: 'a',
      request: { ...request, seed: 3 },
      startedAt: 10,
    });
    await again.remove('a');
    expect((await photos.list()).map((job) => job.token)).toEqual(['b']);
    expect(await photos.get('a')).toBeUndefined();
    expect((await createPendingGenerationStore('other', factory).list()).length).toBe(1);
    const names = (await factory.databases()).map((db) => db.name).sort();
    expect(names).toEqual([pendingJobsDbName('other'), pendingJobsDbName('photos')]);
    expect(pendingJobsDbName('photos')).toBe('medialoft:photos:jobs');
  });
});
