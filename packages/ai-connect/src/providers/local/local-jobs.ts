// The local model's job reference: the whole request and when it started. The local model
// keeps nothing between connections, so this is all a resume needs, on any server.
import { InvalidRequestError } from '../../spec/errors';
import type { ImageModelCallOptions, JsonValue } from '../../spec/image-model';

/** What `startJob` hands out; rendering it again gives the same bytes. */
export interface LocalJobRef {
  prompt: string;
  n: number;
  width: number;
  height: number;
  seed?: number;
  negativePrompt?: string;
  steps?: number;
  /** Epoch milliseconds: the job is done at `startedAt + delayMs`. */
  startedAt: number;
}

/** Largest side and image count a reference may ask for: what the catalogue allows, with room. */
const MAX_SIDE = 4096;
const MAX_IMAGES = 16;

export function localJobRef(
  call: ImageModelCallOptions,
  size: { width: number; height: number },
  startedAt: number,
): LocalJobRef {
  const ref: LocalJobRef = { prompt: call.prompt, n: call.n, ...size, startedAt };
  if (call.seed !== undefined) ref.seed = call.seed;
  if (call.negativePrompt !== undefined) ref.negativePrompt = call.negativePrompt;
  if (call.steps !== undefined) ref.steps = call.steps;
  return ref;
}

const whole = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/**
 * Reads a reference back. A host may hand one in from anywhere, so its sizes are bounded
 * before anything is rendered from it.
 */
export function parseLocalJobRef(ref: JsonValue): LocalJobRef {
  const v = (typeof ref === 'object' && ref !== null && !Array.isArray(ref) ? ref : {}) as Record<
    string,
    JsonValue | undefined
  >;
  const ok =
    typeof v.prompt === 'string' &&
    whole(v.n, 1, MAX_IMAGES) &&
    whole(v.width, 1, MAX_SIDE) &&
    whole(v.height, 1, MAX_SIDE) &&
    whole(v.startedAt, 0, Number.MAX_SAFE_INTEGER) &&
    (v.seed === undefined || whole(v.seed, 0, 2 ** 32 - 1)) &&
    (v.negativePrompt === undefined || typeof v.negativePrompt === 'string') &&
    (v.steps === undefined || whole(v.steps, 1, 10_000));
  if (!ok) {
    throw new InvalidRequestError(
      'This is not a local job reference; start the job again to get a new one.',
      { provider: 'local', ownMessage: true },
    );
  }
  return v as unknown as LocalJobRef;
}
