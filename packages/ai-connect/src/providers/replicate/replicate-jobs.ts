// What a resumable Replicate job keeps between connections: the prediction id and what its
// result needs (images asked for, the seed sent), and how a prediction's status reads as a job's.
import { InvalidRequestError, JobNotFoundError } from '../../spec/errors';
import type { ImageJobStatus, JsonValue } from '../../spec/image-model';

/** The reference `startJob` hands out: small, JSON, enough to resume on any server. */
export interface ReplicateJobRef {
  /** Replicate's prediction id. */
  id: string;
  /** Images asked for in this call; more outputs than this are never downloaded. */
  n: number;
  /** The seed sent, reported when the logs name none. */
  seed?: number;
}

const PREDICTION_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** Reads a reference back, refusing anything `startJob` could not have made. */
export function parseReplicateJobRef(ref: JsonValue): ReplicateJobRef {
  const value = ref as Partial<Record<keyof ReplicateJobRef, unknown>> | null;
  const id = value?.id;
  const n = value?.n;
  const seed = value?.seed;
  if (
    typeof value !== 'object' ||
    Array.isArray(value) ||
    typeof id !== 'string' ||
    !PREDICTION_ID.test(id) ||
    typeof n !== 'number' ||
    !Number.isInteger(n) ||
    n < 1 ||
    (seed !== undefined && (typeof seed !== 'number' || !Number.isInteger(seed)))
  ) {
    throw new InvalidRequestError(
      'This is not a Replicate job reference; start the job again to get a new one.',
      { provider: 'replicate', ownMessage: true },
    );
  }
  return seed === undefined ? { id, n } : { id, n, seed };
}

/** A prediction's status as a job's. `aborted` is Replicate's: its deadline passed first. */
export function jobStatusOf(status: string): ImageJobStatus {
  if (status === 'succeeded') return 'succeeded';
  if (status === 'canceled') return 'canceled';
  if (status === 'failed' || status === 'aborted') return 'failed';
  return 'running';
}

export function notFoundError(id: string): JobNotFoundError {
  return new JobNotFoundError(
    `Replicate no longer knows prediction ${id} (predictions are kept for a limited time); start the generation again.`,
    { provider: 'replicate', ownMessage: true },
  );
}
