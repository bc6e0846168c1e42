// The generations a library is waiting for, kept in IndexedDB so a reload or another tab can
// resume them. A small database of its own (`medialoft:<library>:jobs`) rather than a store in
// the library's: adding one there would raise the library's schema version, which makes every
// open tab of an older build close its library and ask for a reload.
import { type DBSchema, type IDBPDatabase, wrap } from 'idb';
import type { MediaAIGenerateRequest } from './ai-types';
import { MediaLibraryError } from './errors';
import type { AssetMeta } from './types';

/** A generation whose images have not landed yet: what resuming it needs. */
export interface PendingGeneration {
  /** The generator's job token (`onJob`). */
  token: string;
  /** What was asked for; the provenance of the landed images falls back to it. */
  request: MediaAIGenerateRequest;
  /** When it started (ms since the epoch). */
  startedAt: number;
  /** The model asked for, when the request named one. */
  model?: string;
  /** The `sourceModule` the generation filed its images under. */
  sourceModule?: string;
  /** The host's `meta` for the generated assets. */
  meta?: AssetMeta;
}

interface PendingJobsSchema extends DBSchema {
  jobs: { key: string; value: PendingGeneration };
}

/** Reads and writes the pending generations of one library. */
export interface PendingGenerationStore {
  put(job: PendingGeneration): Promise<void>;
  get(token: string): Promise<PendingGeneration | undefined>;
  /** Every pending generation, oldest first. */
  list(): Promise<PendingGeneration[]>;
  remove(token: string): Promise<void>;
}

/** Name of the IndexedDB database holding library `name`'s pending generations. */
export function pendingJobsDbName(name: string): string {
  return `medialoft:${name}:jobs`;
}

/**
 * The pending generations of library `name` on `factory`. Each call opens the database and
 * closes it again: jobs are few and rare, and a connection kept open would block a deletion
 * of the database by another tab.
 */
export function createPendingGenerationStore(
  name: string,
  factory: IDBFactory | undefined = globalThis.indexedDB,
): PendingGenerationStore {
  const withDb = async <T>(body: (db: IDBPDatabase<PendingJobsSchema>) => Promise<T>) => {
    if (!factory) {
      throw new MediaLibraryError(
        'storage_unavailable',
        'IndexedDB is not available here, so generations cannot be resumed after a reload.',
      );
    }
    const request = factory.open(pendingJobsDbName(name), 1);
    request.addEventListener('upgradeneeded', () => {
      if (!request.result.objectStoreNames.contains('jobs')) {
        request.result.createObjectStore('jobs', { keyPath: 'token' });
      }
    });
    const db = (await wrap(request)) as unknown as IDBPDatabase<PendingJobsSchema>;
    db.addEventListener('versionchange', () => db.close());
    try {
      return await body(db);
    } finally {
      db.close();
    }
  };
  return {
    put: (job) => withDb(async (db) => void (await db.put('jobs', job))),
    get: (token) => withDb((db) => db.get('jobs', token)),
    list: () =>
      withDb(async (db) => (await db.getAll('jobs')).sort((a, b) => a.startedAt - b.startedAt)),
    remove: (token) => withDb((db) => db.delete('jobs', token)),
  };
}
