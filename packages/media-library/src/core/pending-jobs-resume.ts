// Generations that survive a reload: a fresh generation keeps its job token while it runs, and
// a library opened later (after a reload, or in another tab) resumes each job left over and
// lands its images through the same import as a fresh generation. A Web Lock per job makes
// one tab resume it: another tab waits on the lock and, once it frees, finds the job gone
// (landed) or takes it over (the tab that held it was closed).
import { type GenerateIntoLibraryOptions, generateIntoLibrary } from './ai-generation';
import type { MediaAIGenerateRequest, MediaAIGenerator } from './ai-types';
import {
  createPendingGenerationStore,
  type PendingGeneration,
  type PendingGenerationStore,
} from './pending-jobs';
import {
  type GenerationJobsWriter,
  type GenerationNotice,
  generationJobsWriter,
  type ResumedGeneration,
  type ResumedGenerationsView,
} from './pending-jobs-state';
import type { AssetMeta, ImportItemResult, MediaLibrary } from './types';

/** The slice of the Web Locks API used here. */
export interface JobLockManager {
  request<T>(
    name: string,
    options: { mode?: 'exclusive'; ifAvailable?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => Promise<T>,
  ): Promise<T>;
}

/** Options of {@link resumePendingGenerations} and {@link holdGeneration}. */
export interface PendingGenerationOptions {
  /** Default `globalThis.indexedDB`. */
  indexedDB?: IDBFactory;
  /** Default `navigator.locks`; without one, nothing keeps two tabs from resuming a job. */
  locks?: JobLockManager;
  /** Stops waiting for jobs another tab holds (e.g. when the page's library closes). */
  signal?: AbortSignal;
  now?: () => number;
}

/** What {@link resumePendingGenerations} did with each job it found. */
export interface ResumeReport {
  /** Landed here: the import results of each job. */
  landed: Array<{ token: string; results: ImportItemResult[] }>;
  /** Ended without images here, each reported once as a notice. */
  failed: GenerationNotice[];
  /** Left for later (the connection failed): still pending. */
  kept: string[];
  /** Found gone once another tab released it: that tab landed it. */
  elsewhere: string[];
  /** Canceled from this page. */
  canceled: string[];
}

/** Codes that say the job may still finish: the record stays for the next open. */
const TRANSIENT = new Set(['network_error', 'server_busy', 'rate_limited']);

const lockName = (token: string) => `medialoft:job:${token}`;

/**
 * Resumes every generation `library` was waiting for when it was last open (in any tab):
 * after `library.ready`, each job whose Web Lock is free is resumed here through
 * `generator.resumeJob` and its images land with the provenance of the request that started
 * it; a job another tab holds is waited for and taken over only if that tab goes away first.
 * Jobs that expired, were refused or failed are removed and reported once, in
 * `generationJobsOf(library).getState().notices`. A generator without `resumeJob` resumes
 * nothing. Resolves when every job has been dealt with.
 *
 * @example
 * const library = createMediaLibrary({ name: 'photos' });
 * const ai = createRemoteGenerator({ baseUrl: '/api/ai' });
 * resumePendingGenerations(library, ai);
 */
export async function resumePendingGenerations(
  library: MediaLibrary,
  generator: MediaAIGenerator,
  options: PendingGenerationOptions = {},
): Promise<ResumeReport> {
  const report: ResumeReport = { landed: [], failed: [], kept: [], elsewhere: [], canceled: [] };
  const resume = generator.resumeJob;
  if (!resume) return report;
  await library.ready;
  const store = createPendingGenerationStore(library.name, options.indexedDB);
  const locks = options.locks ?? defaultLocks();
  const tracker = generationJobsWriter(library);
  const controllers = new Map<string, AbortController>();
  tracker.canceler = async (token) => {
    const running = controllers.get(token);
    if (running) {
      // The generator's abort cancels upstream; the resume then ends as canceled.
      running.abort(new Error('The generation was canceled.'));
      return;
    }
    await generator.cancelJob?.(token);
    await store.remove(token);
    update(tracker, token, undefined);
  };

  const run = async (job: PendingGeneration): Promise<void> => {
    const controller = new AbortController();
    controllers.set(job.token, controller);
    update(tracker, job.token, { ...view(job), status: 'resuming' });
    try {
      const results = await generateIntoLibrary(
        library,
        {
          generateImages: (_request, generateOptions) =>
            resume.call(generator, job.token, {
              ...(generateOptions?.signal ? { signal: generateOptions.signal } : {}),
              ...(generateOptions?.onProgress ? { onProgress: generateOptions.onProgress } : {}),
            }),
        },
        job.request,
        {
          signal: controller.signal,
          onProgress: (progress) => {
            const current = tracker.getState().jobs.find((j) => j.token === job.token);
            if (current) update(tracker, job.token, { ...current, progress });
          },
          ...(job.sourceModule !== undefined ? { sourceModule: job.sourceModule } : {}),
          ...(job.meta !== undefined ? { meta: job.meta } : {}),
        },
      );
      // Landed: a second landing (this tab died before the next line) would be a duplicate
      // of the same bytes, which the import answers with the asset already there.
      await store.remove(job.token);
      report.landed.push({ token: job.token, results });
    } catch (error) {
      if (controller.signal.aborted) {
        await store.remove(job.token).catch(() => undefined);
        report.canceled.push(job.token);
        return;
      }
      const code = errorCode(error);
      if (TRANSIENT.has(code)) {
        report.kept.push(job.token);
        return;
      }
      await store.remove(job.token).catch(() => undefined);
      const notice: GenerationNotice = {
        token: job.token,
        request: job.request,
        code,
        message: noticeMessage(code, job.request, error),
      };
      report.failed.push(notice);
      const state = tracker.getState();
      tracker.set({ ...state, notices: [...state.notices, notice] });
    } finally {
      controllers.delete(job.token);
      update(tracker, job.token, undefined);
    }
  };

  const handle = async (job: PendingGeneration): Promise<void> => {
    if (!locks) return run(job);
    const ranHere = await locks.request(
      lockName(job.token),
      { mode: 'exclusive', ifAvailable: true },
      async (lock) => {
        if (!lock) return false;
        // Another tab may have landed it between the listing and this lock.
        if (await store.get(job.token)) await run(job);
        else report.elsewhere.push(job.token);
        return true;
      },
    );
    if (ranHere) return;
    // Another tab runs it: wait for its lock, which frees when that tab lands it or closes.
    update(tracker, job.token, { ...view(job), status: 'waiting' });
    try {
      await locks.request(
        lockName(job.token),
        { mode: 'exclusive', ...(options.signal ? { signal: options.signal } : {}) },
        async () => {
          const left = await store.get(job.token);
          if (left) await run(left);
          else {
            report.elsewhere.push(job.token);
            update(tracker, job.token, undefined);
          }
        },
      );
    } catch {
      // The wait was given up (signal): the job stays pending for the next open.
      update(tracker, job.token, undefined);
    }
  };

  const jobs = await store.list();
  await Promise.all(jobs.map((job) => handle(job)));
  return report;
}

/**
 * `generateIntoLibrary` for a generator that can resume: the job it reports through `onJob`
 * is kept as pending (with its Web Lock held) until its images have landed; a dropped
 * connection leaves it pending for the next open, a landing, cancel or failure forgets it.
 */
export async function generateResumably(
  library: MediaLibrary,
  generator: MediaAIGenerator,
  request: MediaAIGenerateRequest,
  options: GenerateIntoLibraryOptions = {},
): Promise<ImportItemResult[]> {
  let held: Promise<HeldGeneration | undefined> | undefined;
  const extra: { sourceModule?: string; meta?: AssetMeta } = {};
  if (options.sourceModule !== undefined) extra.sourceModule = options.sourceModule;
  if (options.meta !== undefined) extra.meta = options.meta;
  // Without resumeJob, generateIntoLibrary takes its plain path with this wrapper.
  const tracked: MediaAIGenerator = {
    generateImages: (req, generateOptions) =>
      generator.generateImages(req, {
        ...generateOptions,
        onJob: ({ token }) => {
          held = holdGeneration(library, token, request, extra).catch(() => undefined);
        },
      }),
  };
  try {
    return await generateIntoLibrary(library, tracked, request, options);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    // A dropped connection leaves the job running upstream: the next open resumes it.
    if (!options.signal?.aborted && code === 'network_error') (await held)?.keep();
    throw error;
  } finally {
    // Landed, canceled or failed for good (a kept one is already released): nothing to resume.
    await (await held)?.finish().catch(() => undefined);
  }
}

/** A fresh generation's hold on its job; see {@link holdGeneration}. */
export interface HeldGeneration {
  /** The images landed or the job ended for good: forget it and free its lock. */
  finish(): Promise<void>;
  /** The job may still finish upstream: keep it for the next open, free its lock. */
  keep(): void;
}

/**
 * Records a fresh generation's job as pending and holds its Web Lock while this page runs
 * it, so a library opened meanwhile in another tab leaves it alone, and a reload resumes it.
 */
export async function holdGeneration(
  library: MediaLibrary,
  token: string,
  request: MediaAIGenerateRequest,
  extra: { sourceModule?: string; meta?: AssetMeta },
  options: PendingGenerationOptions = {},
): Promise<HeldGeneration> {
  const store = createPendingGenerationStore(library.name, options.indexedDB);
  const locks = options.locks ?? defaultLocks();
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  if (locks) {
    await new Promise<void>((acquired, failed) => {
      locks
        .request(lockName(token), { mode: 'exclusive' }, async () => {
          acquired();
          await released;
        })
        .catch(failed);
    });
  }
  await put(store, token, request, extra, options.now?.() ?? Date.now());
  let kept = false;
  return {
    async finish() {
      if (kept) return;
      try {
        await store.remove(token);
      } finally {
        release();
      }
    },
    keep() {
      kept = true;
      release();
    },
  };
}

async function put(
  store: PendingGenerationStore,
  token: string,
  request: MediaAIGenerateRequest,
  extra: { sourceModule?: string; meta?: AssetMeta },
  startedAt: number,
): Promise<void> {
  const job: PendingGeneration = { token, request: { ...request }, startedAt };
  if (request.model !== undefined) job.model = request.model;
  if (extra.sourceModule !== undefined) job.sourceModule = extra.sourceModule;
  if (extra.meta !== undefined) job.meta = extra.meta;
  await store.put(job);
}

function view(job: PendingGeneration): Omit<ResumedGeneration, 'status'> {
  return { token: job.token, request: job.request, startedAt: job.startedAt };
}

function update(
  tracker: GenerationJobsWriter,
  token: string,
  job: ResumedGeneration | undefined,
): void {
  const state = tracker.getState();
  const others = state.jobs.filter((j) => j.token !== token);
  if (!job && others.length === state.jobs.length) return;
  tracker.set({ ...state, jobs: job ? [...others, job] : others });
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'provider_error';
}

function noticeMessage(code: string, request: MediaAIGenerateRequest, error: unknown): string {
  const what = `The generation "${request.prompt.slice(0, 60)}"`;
  if (code === 'job_token_expired' || code === 'job_not_found') {
    return `${what} expired before its images could be fetched; generate it again.`;
  }
  if (code === 'job_token_invalid' || code === 'job_token_foreign') {
    return `${what} cannot be resumed on this server; generate it again.`;
  }
  const reason = error instanceof Error && error.message ? ` ${error.message}` : '';
  return `${what} failed.${reason}`;
}

function defaultLocks(): JobLockManager | undefined {
  const locks = (globalThis as { navigator?: { locks?: JobLockManager } }).navigator?.locks;
  return locks && typeof locks.request === 'function' ? locks : undefined;
}

const following = new WeakSet<MediaLibrary>();

/**
 * Internal to the React binding: resumes `library`'s pending generations once per instance
 * and hands every change to `onChange`; returns the unsubscribe.
 */
export function followResumedGenerations(
  library: MediaLibrary,
  generator: MediaAIGenerator,
  onChange: (view: ResumedGenerationsView) => void,
): () => void {
  const jobs = generationJobsWriter(library);
  let noticed: GenerationNotice | undefined;
  let error: Error | undefined;
  const publish = () => {
    const state = jobs.getState();
    const resuming = state.jobs.find((job) => job.status === 'resuming');
    // One Error per notice, so a view that compares errors sees a new one only when it is.
    if (state.notices[0] !== noticed) {
      noticed = state.notices[0];
      error = noticed && Object.assign(new Error(noticed.message), { code: noticed.code });
    }
    onChange({
      ...state,
      running: resuming !== undefined,
      ...(resuming ? { progress: resuming.progress ?? { stage: 'resuming' } } : {}),
      ...(error ? { error } : {}),
      cancel(token) {
        for (const job of state.jobs) {
          if (token === undefined || job.token === token) jobs.cancel(job.token).catch(() => {});
        }
      },
      dismissNotices: () => jobs.dismissNotices(),
    });
  };
  publish();
  const unsubscribe = jobs.subscribe(publish);
  if (!following.has(library)) {
    following.add(library);
    resumePendingGenerations(library, generator).catch(() => undefined);
  }
  return unsubscribe;
}
