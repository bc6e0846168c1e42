// Resuming in real Chromium: two library instances of the same name in one page (as two tabs
// of one origin share IndexedDB, OPFS and Web Locks) find the same pending generation, and
// the real lock lets one resume it while the other waits and finds it landed: one image, once.
// A job whose holder lets go without landing it (a closed tab) is taken over by the waiter.
import { afterEach, describe, expect, it } from 'vitest';
import type { MediaAIGeneratedImage, MediaAIGenerator } from './ai-types';
import { libraryDbName } from './db';
import { createMediaLibrary, type MediaLibraryInstance } from './library';
import { createPendingGenerationStore, pendingJobsDbName } from './pending-jobs';
import { resumePendingGenerations } from './pending-jobs-resume';
import { generationJobsOf } from './pending-jobs-state';
import { opfsDirectoryName } from './storage/default-blob-store';

const cleanups: Array<() => Promise<void>> = [];
const open: MediaLibraryInstance[] = [];
afterEach(async () => {
  for (const library of open.splice(0)) library.close();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const deleteDatabase = (name: string) =>
  new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = resolve;
  });

function libraryName(): string {
  const name = `resume-${crypto.randomUUID()}`;
  cleanups.push(async () => {
    await deleteDatabase(libraryDbName(name));
    await deleteDatabase(pendingJobsDbName(name));
    const root = await navigator.storage.getDirectory();
    await root.removeEntry(opfsDirectoryName(name), { recursive: true }).catch(() => undefined);
  });
  return name;
}

/** A real 2×2 PNG, so the import sniffs, measures and stores it as in the app. */
async function png(): Promise<File> {
  const canvas = new OffscreenCanvas(2, 2);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d context');
  context.fillStyle = '#3366cc';
  context.fillRect(0, 0, 2, 2);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return new File([blob], 'ai-local-placeholder-8.png', { type: 'image/png' });
}

describe('two tabs, one pending generation', () => {
  it('only one resumes it and its image lands once', async () => {
    const name = libraryName();
    const request = { prompt: 'two tabs, one harbour', width: 2, height: 2, seed: 8 };
    await createPendingGenerationStore(name).put({ token: 'tok-1', request, startedAt: 1 });
    const file = await png();
    const resumed: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const generator = (tab: string): MediaAIGenerator => ({
      generateImages: async () => [],
      async resumeJob(): Promise<MediaAIGeneratedImage[]> {
        resumed.push(tab);
        await gate;
        return [{ file, metadata: { provider: 'local', model: 'local/placeholder', seed: 8 } }];
      },
    });
    const tabA = createMediaLibrary({ name });
    const tabB = createMediaLibrary({ name });
    open.push(tabA, tabB);
    const runA = resumePendingGenerations(tabA, generator('A'));
    const runB = resumePendingGenerations(tabB, generator('B'));
    // One holds the job's Web Lock and resumes; the other waits on it.
    await expect.poll(() => resumed.length, { timeout: 10_000 }).toBe(1);
    const waiting = resumed[0] === 'A' ? tabB : tabA;
    await expect
      .poll(() => generationJobsOf(waiting).getState().jobs[0]?.status, { timeout: 10_000 })
      .toBe('waiting');
    const held = await navigator.locks.query();
    expect(held.held?.map((lock) => lock.name)).toContain('medialoft:job:tok-1');
    release();
    const reports = await Promise.all([runA, runB]);
    expect(resumed).toHaveLength(1);
    expect(reports.flatMap((r) => r.landed.map((l) => l.token))).toEqual(['tok-1']);
    expect(reports.flatMap((r) => r.elsewhere)).toEqual(['tok-1']);
    expect(await createPendingGenerationStore(name).list()).toEqual([]);

    // A fresh instance (a reload) reads one asset, with the request's provenance.
    const reloaded = createMediaLibrary({ name });
    open.push(reloaded);
    await reloaded.ready;
    const assets = [...reloaded.getState().assets.values()];
    expect(assets).toHaveLength(1);
    expect(assets[0]?.source).toMatchObject({
      type: 'ai',
      model: 'local/placeholder',
      prompt: 'two tabs, one harbour',
      seed: 8,
    });
    expect(assets[0]?.mimeType).toBe('image/png');
  });

  it('when the tab holding a job goes away without landing it, the waiting one takes over', async () => {
    const name = libraryName();
    const request = { prompt: 'a tab that closed', width: 2, height: 2 };
    await createPendingGenerationStore(name).put({ token: 'tok-2', request, startedAt: 1 });
    // The job's lock as the tab that started the generation holds it; letting go without
    // removing the record is what closing that tab does.
    let letGo!: () => void;
    const holding = new Promise<void>((resolve) => {
      navigator.locks.request('medialoft:job:tok-2', () => {
        resolve();
        return new Promise<void>((release) => {
          letGo = release;
        });
      });
    });
    await holding;
    const file = await png();
    const resumed: string[] = [];
    const library = createMediaLibrary({ name });
    open.push(library);
    const run = resumePendingGenerations(library, {
      generateImages: async () => [],
      async resumeJob(token) {
        resumed.push(token);
        return [{ file, metadata: { provider: 'local', model: 'local/placeholder' } }];
      },
    });
    await expect
      .poll(() => generationJobsOf(library).getState().jobs[0]?.status, { timeout: 10_000 })
      .toBe('waiting');
    expect(resumed).toEqual([]);
    letGo();
    const report = await run;
    expect(resumed).toEqual(['tok-2']);
    expect(report.landed.map((l) => l.token)).toEqual(['tok-2']);
    expect(library.getState().assets.size).toBe(1);
    expect(await createPendingGenerationStore(name).list()).toEqual([]);
  });
});
