// What a library's resumed generations are doing, for the UI: the jobs resumed (or waiting
// for another tab) and the ones that could not be resumed, said once. Kept beside the library,
// keyed by its instance, so the library's own state and store stay as they are.
import type { MediaAIGenerateRequest, MediaAIProgress } from './ai-types';
import type { MediaLibrary } from './types';

/** A pending generation as this page sees it. */
export interface ResumedGeneration {
  token: string;
  request: MediaAIGenerateRequest;
  startedAt: number;
  /** 'resuming' here, or 'waiting' while another tab of the same library resumes it. */
  status: 'resuming' | 'waiting';
  progress?: MediaAIProgress;
}

/** A pending generation that ended without images: expired, refused or failed upstream. */
export interface GenerationNotice {
  token: string;
  request: MediaAIGenerateRequest;
  /** The generator's error code, e.g. `job_token_expired` or `provider_error`. */
  code: string;
  /** What happened and what to do, in words for the person. */
  message: string;
}

/** The resumed generations of one library. */
export interface GenerationJobsState {
  jobs: readonly ResumedGeneration[];
  /** Each notice appears in one tab only (the one that resumed the job), until dismissed. */
  notices: readonly GenerationNotice[];
}

/** The observable resumed generations of one library instance. */
export interface GenerationJobs {
  getState(): GenerationJobsState;
  subscribe(listener: () => void): () => void;
  /**
   * Cancels a pending generation upstream and forgets it. Resolves once the generator's
   * `cancelJob` answered (or at once when this page did not resume it).
   */
  cancel(token: string): Promise<void>;
  /** Removes the notices shown. */
  dismissNotices(): void;
}

/** Internal: what the resume flow writes. */
export interface GenerationJobsWriter extends GenerationJobs {
  set(state: GenerationJobsState): void;
  /** Set by the resume flow: how to cancel a token. */
  canceler?: (token: string) => Promise<void>;
}

const registry = new WeakMap<MediaLibrary, GenerationJobsWriter>();

/**
 * The resumed generations of `library` (see `resumePendingGenerations`): empty until it ran.
 *
 * @example
 * const jobs = generationJobsOf(library);
 * jobs.subscribe(() => console.log(jobs.getState().jobs.length, 'generations resuming'));
 */
export function generationJobsOf(library: MediaLibrary): GenerationJobs {
  return generationJobsWriter(library);
}

/** Internal: the same object, writable. */
export function generationJobsWriter(library: MediaLibrary): GenerationJobsWriter {
  let jobs = registry.get(library);
  if (!jobs) {
    let state: GenerationJobsState = { jobs: [], notices: [] };
    const listeners = new Set<() => void>();
    const writer: GenerationJobsWriter = {
      getState: () => state,
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      set(next) {
        state = next;
        for (const listener of [...listeners]) listener();
      },
      cancel: (token) => writer.canceler?.(token) ?? Promise.resolve(),
      dismissNotices() {
        if (state.notices.length > 0) writer.set({ ...state, notices: [] });
      },
    };
    jobs = writer;
    registry.set(library, jobs);
  }
  return jobs;
}

/** {@link GenerationJobsState} with its actions, as the React binding hands it out. */
export interface ResumedGenerationsView extends GenerationJobsState {
  /** True while a job is resumed here. */
  running: boolean;
  /** The progress of the job resumed here, while one is. */
  progress?: MediaAIProgress;
  /** The first notice as an error (its `code` and message), until dismissed. */
  error?: Error;
  /** Cancels a pending generation upstream (every one this page knows without a token). */
  cancel(token?: string): void;
  dismissNotices(): void;
}
