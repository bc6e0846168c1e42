// Generations that survive a reload, over real libraries (fake IndexedDB, memory blobs) and a
// fake Web Locks hub where each "tab" holds its own locks: a fresh generation's job is kept
// while it runs, a reopened library lands it once with its provenance, expired and failed
// jobs are said once, two tabs land one result, and a tab that goes away hands its job over.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { generateIntoLibrary } from './ai-generation';
import type {
  MediaAIGeneratedImage,
  MediaAIGenerateOptions,
  MediaAIGenerateRequest,
  MediaAIGenerator,
} from './ai-types';
import type { MediaLibraryInstance } from './library';
import { createPendingGenerationStore } from './pending-jobs';
import { type JobLockManager, resumePendingGenerations } from './pending-jobs-resume';
import { generationJobsOf } from './pending-jobs-state';
import { createHarness, pngFile } from './testing/library-harness';

const opened: MediaLibraryInstance[] = [];
let libraryName = '';
let counter = 0;
beforeEach(() => {
  libraryName = `resume-${++counter}`;
});
afterEach(() => {
  vi.unstubAllGlobals();
  for (const library of opened.splice(0)) library.close();
});

const request: MediaAIGenerateRequest = {
  prompt: 'a lighthouse in fog',
  width: 64,
  height: 48,
  model: 'fake/slow',
  seed: 5,
};

/** Two "tabs" of one origin: the same database and bytes, separate library instances. */
function origin() {
  const harness = createHarness({ thumbnails: false });
  const open = () => {
    const library = harness.open({ name: libraryName });
    opened.push(library);
    return library;
  };
  return { harness, open };
}

function image(seed: number): MediaAIGeneratedImage {
  return {
    file: pngFile(seed, `ai-fake-slow-${seed}.png`),
    metadata: { provider: 'fake', model: 'fake/slow', seed, generationMs: 900, costUsd: 0.02 },
  };
}

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * Exclusive named locks shared by every tab of the hub, as the browser's Web Locks are: a
 * request waits (or, with ifAvailable, gets null), and `close()` frees what a tab holds, as
 * closing a tab does.
 */
function lockHub() {
  const held = new Map<string, { tab: number; release: () => void }>();
  const waiting = new Map<string, Array<() => void>>();
  let tabs = 0;
  const free = (name: string) => {
    held.delete(name);
    waiting.get(name)?.shift()?.();
  };
  return {
    tab() {
      const id = ++tabs;
      const mine = new Set<string>();
      const locks: JobLockManager = {
        async request(name, options, callback) {
          if (held.has(name)) {
            if (options.ifAvailable) return callback(null);
            await new Promise<void>((resolve, reject) => {
              const queue = waiting.get(name) ?? [];
              queue.push(resolve);
              waiting.set(name, queue);
              options.signal?.addEventListener('abort', () => reject(options.signal?.reason));
            });
          }
          let released = false;
          const release = () => {
            if (released) return;
            released = true;
            mine.delete(name);
            free(name);
          };
          held.set(name, { tab: id, release });
          mine.add(name);
          try {
            return await callback({ name });
          } finally {
            release();
          }
        },
      };
      return {
        locks,
        holds: (name: string) => held.get(name)?.tab === id,
        close() {
          for (const name of [...mine]) held.get(name)?.release();
        },
      };
    },
  };
}

/** A generator that starts resumable jobs and resumes them with images the test supplies. */
function resumableGenerator(
  resume: (token: string, options: MediaAIGenerateOptions) => Promise<MediaAIGeneratedImage[]>,
) {
  const canceled: string[] = [];
  const resumed: string[] = [];
  const generator: MediaAIGenerator = {
    async generateImages() {
      throw new Error('not used');
    },
    resumeJob(token, options) {
      resumed.push(token);
      return resume(token, options);
    },
    async cancelJob(token) {
      canceled.push(token);
    },
  };
  return { generator, canceled, resumed };
}

const networkError = () => Object.assign(new Error('offline'), { code: 'network_error' });

describe('a fresh generation keeps its job while it runs', () => {
  it('a dropped connection leaves the job pending; the next open lands it once, with provenance', async () => {
    const hub = lockHub();
    const tab1 = hub.tab();
    vi.stubGlobal('navigator', { locks: tab1.locks });
    const { open } = origin();
    const library = open();
    await library.ready;
    const pendingWhileRunning: string[] = [];
    const generator: MediaAIGenerator = {
      async generateImages(_req, options) {
        options?.onJob?.({ token: 'job-1' });
        // The record and the lock are in place while the generation runs.
        await vi.waitFor(async () => {
          const jobs = await createPendingGenerationStore(libraryName).list();
          expect(jobs.map((j) => j.token)).toEqual(['job-1']);
        });
        if (tab1.holds('medialoft:job:job-1')) pendingWhileRunning.push('locked');
        throw networkError();
      },
      resumeJob: async () => [],
    };
    await expect(generateIntoLibrary(library, generator, request)).rejects.toMatchObject({
      code: 'network_error',
    });
    expect(pendingWhileRunning).toEqual(['locked']);
    const [kept] = await createPendingGenerationStore(libraryName).list();
    expect(kept).toMatchObject({ token: 'job-1', request, model: 'fake/slow' });
    expect(typeof kept?.startedAt).toBe('number');
    expect(tab1.holds('medialoft:job:job-1')).toBe(false);

    // "Reload": a new instance resumes it and lands its image as a generation would.
    const reloaded = open();
    const { generator: resumer, resumed } = resumableGenerator(async (_token, options) => {
      options.onProgress?.({ stage: 'processing', percent: 80 });
      return [image(11)];
    });
    const report = await resumePendingGenerations(reloaded, resumer, { locks: tab1.locks });
    expect(resumed).toEqual(['job-1']);
    expect(report.landed.map((l) => l.token)).toEqual(['job-1']);
    const assets = [...reloaded.getState().assets.values()];
    expect(assets).toHaveLength(1);
    expect(assets[0]?.source).toEqual({
      type: 'ai',
      provider: 'fake',
      model: 'fake/slow',
      prompt: 'a lighthouse in fog',
      seed: 11,
      width: 64,
      height: 48,
      costUsd: 0.02,
      generationMs: 900,
    });
    expect(await createPendingGenerationStore(libraryName).list()).toEqual([]);
    expect(generationJobsOf(reloaded).getState().jobs).toEqual([]);

    // A third open finds nothing left to resume.
    const again = await resumePendingGenerations(open(), resumer, { locks: tab1.locks });
    expect(again.landed).toEqual([]);
    expect(resumed).toEqual(['job-1']);
  });

  it('a generation that lands, or is canceled, leaves nothing pending', async () => {
    const { open } = origin();
    const library = open();
    const controller = new AbortController();
    let calls = 0;
    const generator: MediaAIGenerator = {
      async generateImages(_req, options) {
        calls += 1;
        options?.onJob?.({ token: `job-${calls}` });
        if (calls === 2) {
          controller.abort();
          throw Object.assign(new Error('canceled'), { code: 'canceled' });
        }
        return [image(20)];
      },
      resumeJob: async () => [],
    };
    const [landed] = await generateIntoLibrary(library, generator, request);
    expect(landed?.status).toBe('imported');
    await expect(
      generateIntoLibrary(library, generator, request, { signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'canceled' });
    expect(await createPendingGenerationStore(libraryName).list()).toEqual([]);
  });

  it('a generator that cannot resume is never given onJob', async () => {
    const { open } = origin();
    const library = open();
    let seen: MediaAIGenerateOptions | undefined;
    const generator: MediaAIGenerator = {
      async generateImages(_req, options) {
        seen = options;
        return [image(30)];
      },
    };
    await generateIntoLibrary(library, generator, request);
    expect(seen).toBeDefined();
    expect(seen?.onJob).toBeUndefined();
  });
});

describe('resumePendingGenerations', () => {
  const pending = (token: string, startedAt = 1) =>
    createPendingGenerationStore(libraryName).put({ token, request, startedAt });

  it('an expired or failed job is removed and said once; a dropped one stays for later', async () => {
    const { open } = origin();
    await pending('expired', 1);
    await pending('failed', 2);
    await pending('offline', 3);
    const { generator } = resumableGenerator(async (token) => {
      if (token === 'expired') {
        throw Object.assign(new Error('The job expired.'), { code: 'job_token_expired' });
      }
      if (token === 'failed') {
        throw Object.assign(new Error('The model refused the prompt.'), {
          code: 'content_filtered',
        });
      }
      throw networkError();
    });
    const library = open();
    const report = await resumePendingGenerations(library, generator);
    expect(report.failed.map((n) => [n.token, n.code])).toEqual([
      ['expired', 'job_token_expired'],
      ['failed', 'content_filtered'],
    ]);
    expect(report.kept).toEqual(['offline']);
    const notices = generationJobsOf(library).getState().notices;
    expect(notices.map((n) => n.token)).toEqual(['expired', 'failed']);
    expect(notices[0]?.message).toMatch(/expired.*generate it again/);
    expect(notices[1]?.message).toContain('The model refused the prompt.');
    expect((await createPendingGenerationStore(libraryName).list()).map((j) => j.token)).toEqual([
      'offline',
    ]);

    // Opened again: the expired and failed ones are not said a second time.
    const next = open();
    const second = await resumePendingGenerations(next, generator);
    expect(second.failed).toEqual([]);
    expect(generationJobsOf(next).getState().notices).toEqual([]);
    generationJobsOf(library).dismissNotices();
    expect(generationJobsOf(library).getState().notices).toEqual([]);
    expect(library.getState().assets.size).toBe(0);
  });

  it('shows a resuming job with its progress, and cancel reaches the generator', async () => {
    const { open } = origin();
    await pending('slow');
    const started = deferred();
    const { generator } = resumableGenerator(
      (_token, options) =>
        new Promise((_resolve, reject) => {
          options.onProgress?.({ stage: 'processing', percent: 40 });
          started.resolve();
          options.signal?.addEventListener('abort', () =>
            reject(Object.assign(new Error('canceled'), { code: 'canceled' })),
          );
        }),
    );
    const library = open();
    const jobs = generationJobsOf(library);
    const running = resumePendingGenerations(library, generator);
    await started.promise;
    await vi.waitFor(() =>
      expect(jobs.getState().jobs).toMatchObject([
        { token: 'slow', status: 'resuming', progress: { stage: 'processing', percent: 40 } },
      ]),
    );
    await jobs.cancel('slow');
    const report = await running;
    expect(report.canceled).toEqual(['slow']);
    expect(jobs.getState()).toEqual({ jobs: [], notices: [] });
    expect(await createPendingGenerationStore(libraryName).list()).toEqual([]);
    expect(library.getState().assets.size).toBe(0);
  });

  it('two tabs: one resumes and lands, the other waits and finds it landed', async () => {
    const hub = lockHub();
    const [tabA, tabB] = [hub.tab(), hub.tab()];
    const { open } = origin();
    await pending('shared');
    const gate = deferred<MediaAIGeneratedImage[]>();
    const a = resumableGenerator(() => gate.promise);
    const b = resumableGenerator(async () => [image(40)]);
    const libraryA = open();
    const libraryB = open();
    const runA = resumePendingGenerations(libraryA, a.generator, { locks: tabA.locks });
    await vi.waitFor(() => expect(a.resumed).toEqual(['shared']));
    const runB = resumePendingGenerations(libraryB, b.generator, { locks: tabB.locks });
    await vi.waitFor(() =>
      expect(generationJobsOf(libraryB).getState().jobs).toMatchObject([
        { token: 'shared', status: 'waiting' },
      ]),
    );
    gate.resolve([image(40)]);
    const [reportA, reportB] = await Promise.all([runA, runB]);
    expect(reportA.landed.map((l) => l.token)).toEqual(['shared']);
    expect(reportB.elsewhere).toEqual(['shared']);
    expect(b.resumed).toEqual([]);
    await vi.waitFor(async () => {
      const c = open();
      await c.ready;
      expect(c.getState().assets.size).toBe(1);
    });
  });

  it('a tab that goes away mid-resume hands the job to the waiting tab, which lands it once', async () => {
    const hub = lockHub();
    const [tabA, tabB] = [hub.tab(), hub.tab()];
    const { open } = origin();
    await pending('orphan');
    const a = resumableGenerator(() => new Promise(() => {})); // the tab closes before it ends
    const b = resumableGenerator(async () => [image(50)]);
    const libraryA = open();
    const libraryB = open();
    void resumePendingGenerations(libraryA, a.generator, { locks: tabA.locks });
    await vi.waitFor(() => expect(a.resumed).toEqual(['orphan']));
    const runB = resumePendingGenerations(libraryB, b.generator, { locks: tabB.locks });
    await vi.waitFor(() =>
      expect(generationJobsOf(libraryB).getState().jobs[0]?.status).toBe('waiting'),
    );
    tabA.close();
    const reportB = await runB;
    expect(b.resumed).toEqual(['orphan']);
    expect(reportB.landed.map((l) => l.token)).toEqual(['orphan']);
    expect(libraryB.getState().assets.size).toBe(1);
    expect(await createPendingGenerationStore(libraryName).list()).toEqual([]);
  });

  it('landing a job twice (a tab died after its import) keeps one asset', async () => {
    const { open } = origin();
    const library = open();
    const { generator } = resumableGenerator(async () => [image(60)]);
    await pending('twice');
    await resumePendingGenerations(library, generator);
    await pending('twice');
    const report = await resumePendingGenerations(library, generator);
    expect(report.landed[0]?.results.map((r) => r.status)).toEqual(['duplicate']);
    expect(library.getState().assets.size).toBe(1);
  });

  it('a generator without resumeJob resumes nothing and leaves the jobs', async () => {
    const { open } = origin();
    await pending('left');
    const report = await resumePendingGenerations(open(), {
      generateImages: async () => [],
    });
    expect(report).toEqual({ landed: [], failed: [], kept: [], elsewhere: [], canceled: [] });
    expect((await createPendingGenerationStore(libraryName).list()).length).toBe(1);
  });

  it('cancel of a job another tab runs cancels it upstream and forgets it', async () => {
    const hub = lockHub();
    const [tabA, tabB] = [hub.tab(), hub.tab()];
    const { open } = origin();
    await pending('theirs');
    const a = resumableGenerator(() => new Promise(() => {}));
    const b = resumableGenerator(async () => [image(70)]);
    void resumePendingGenerations(open(), a.generator, { locks: tabA.locks });
    await vi.waitFor(() => expect(a.resumed).toEqual(['theirs']));
    const libraryB = open();
    const controller = new AbortController();
    const runB = resumePendingGenerations(libraryB, b.generator, {
      locks: tabB.locks,
      signal: controller.signal,
    });
    await vi.waitFor(() =>
      expect(generationJobsOf(libraryB).getState().jobs[0]?.status).toBe('waiting'),
    );
    await generationJobsOf(libraryB).cancel('theirs');
    expect(b.canceled).toEqual(['theirs']);
    expect(generationJobsOf(libraryB).getState().jobs).toEqual([]);
    expect(await createPendingGenerationStore(libraryName).list()).toEqual([]);
    controller.abort();
    await runB;
  });
});
