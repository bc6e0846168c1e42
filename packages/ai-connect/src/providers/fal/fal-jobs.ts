// Resumable fal requests through fal's queue API, spoken to directly: the AI SDK package calls
// the blocking endpoint and never hands out a request id. Protocol as fal documents its queue
// (checked against fal's queue reference): `POST https://queue.fal.run/<model id>` with
// `Authorization: Key <key>` answers `{ request_id, status_url, response_url, cancel_url }`;
// `GET status_url` answers `{ status: IN_QUEUE | IN_PROGRESS | COMPLETED, queue_position }`
// (COMPLETED may carry `error`); `GET response_url` answers the model's output
// (`images[].url`); `PUT cancel_url` answers 202 CANCELLATION_REQUESTED, 400 ALREADY_COMPLETED
// or 404 NOT_FOUND. The URLs are used as fal gives them: for a model id with a subpath
// (`fal-ai/flux/dev`) they leave the subpath out.
import { downloadOutput } from '../../download-output';
import {
  AuthenticationError,
  ContentFilteredError,
  InvalidRequestError,
  JobNotFoundError,
  ProviderError,
  RateLimitedError,
} from '../../spec/errors';
import type {
  GeneratedImageData,
  ImageModelCallOptions,
  ImageModelJobOptions,
  ImageModelJobStatus,
  ImageModelResult,
  ImageModelV1,
  ImageModelWarning,
  JsonValue,
} from '../../spec/image-model';
import { abortError, defaultSleep, keepAsked, keyRequirer, type SleepFn } from '../provider-utils';

/** fal's queue. */
export const FAL_QUEUE_URL = 'https://queue.fal.run';

/** The reference a fal job hands out: fal's request id and the URLs its queue answered with. */
export interface FalJobRef {
  requestId: string;
  statusUrl: string;
  responseUrl: string;
  cancelUrl: string;
  /** Images asked for; more outputs than this are never downloaded. */
  n: number;
  /** The seed sent, reported when fal's answer names none. */
  seed?: number;
}

/** What the job methods need from the provider. */
export interface FalJobConfig {
  modelId: string;
  label: string;
  apiKey: () => string | undefined;
  /** Where the queue lives. Default {@link FAL_QUEUE_URL}. */
  queueURL: string;
  fetch: typeof fetch;
  outputHosts: readonly string[];
  maxOutputBytes?: number;
  pollIntervalMs: number;
  sleep?: SleepFn;
}

const provider = 'fal';
const REQUEST_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** Whether the key may go to `url`: fal's queue over https, or the configured queue's host. */
export function isFalQueueHost(url: URL, queueURL: string): boolean {
  const own = new URL(queueURL);
  if (url.host === own.host && url.protocol === own.protocol) return true;
  return url.protocol === 'https:' && url.host === new URL(FAL_QUEUE_URL).host;
}

/** Reads a reference back, refusing anything `startJob` could not have made. */
export function parseFalJobRef(ref: JsonValue, queueURL: string): FalJobRef {
  const v = (typeof ref === 'object' && ref !== null && !Array.isArray(ref) ? ref : {}) as Record<
    string,
    JsonValue | undefined
  >;
  const urls = [v.statusUrl, v.responseUrl, v.cancelUrl];
  const shaped =
    typeof v.requestId === 'string' &&
    REQUEST_ID.test(v.requestId) &&
    urls.every((u) => typeof u === 'string' && URL.canParse(u)) &&
    typeof v.n === 'number' &&
    Number.isInteger(v.n) &&
    v.n >= 1 &&
    v.n <= 16 &&
    (v.seed === undefined || (typeof v.seed === 'number' && Number.isInteger(v.seed)));
  if (!shaped) {
    throw new InvalidRequestError(
      'This is not a fal job reference; start the job again to get a new one.',
      { provider, ownMessage: true },
    );
  }
  // A reference may come from anywhere a host stores it: the key goes to fal's queue only.
  const foreign = (urls as string[])
    .map((u) => new URL(u))
    .find((u) => !isFalQueueHost(u, queueURL));
  if (foreign) {
    throw new InvalidRequestError(
      `This fal job reference points at ${foreign.host}, which is not fal's queue, so the key was not sent there. Start the job again.`,
      { provider, ownMessage: true },
    );
  }
  return v as unknown as FalJobRef;
}

/** fal's input for a text-to-image endpoint, as the provider's generation sends it. */
export function falInput(call: ImageModelCallOptions): Record<string, unknown> {
  const input: Record<string, unknown> = { prompt: call.prompt, num_images: call.n };
  if (call.size) input.image_size = { width: call.size.width, height: call.size.height };
  if (call.seed !== undefined) input.seed = call.seed;
  if (call.steps !== undefined) input.num_inference_steps = call.steps;
  if (call.negativePrompt !== undefined) input.negative_prompt = call.negativePrompt;
  return input;
}

interface QueueStatus {
  status?: unknown;
  queue_position?: unknown;
  error?: unknown;
}

/** The optional job methods of one fal model. */
export function falJobMethods(
  config: FalJobConfig,
): Required<Pick<ImageModelV1, 'startJob' | 'resumeJob' | 'statusJob' | 'cancelJob'>> {
  const { label } = config;
  const sleep = config.sleep ?? defaultSleep;

  const requireKey = keyRequirer(
    config.apiKey,
    provider,
    'No fal API key: set FAL_KEY (or pass apiKey to createFalImages).',
  );

  const failure = async (response: Response, what: string): Promise<Error> => {
    const text = (await response.text().catch(() => '')).slice(0, 500);
    if (response.status === 401 || response.status === 403) {
      return new AuthenticationError(
        `${label}: fal refused the API key (HTTP ${response.status}). Check FAL_KEY on the server.`,
        { provider, ownMessage: true },
      );
    }
    if (response.status === 429) {
      return new RateLimitedError(
        `${label}: fal is rate limiting requests (HTTP 429); try again shortly.`,
        {
          provider,
        },
      );
    }
    return new ProviderError(
      `${label}: fal answered ${what} with HTTP ${response.status}${text ? `: ${text}` : ''}.`,
      { provider, status: response.status },
    );
  };

  const send = async (
    url: string,
    init: RequestInit,
    what: string,
    signal: AbortSignal | undefined,
  ): Promise<Response> => {
    try {
      return await config.fetch(url, {
        ...init,
        headers: {
          authorization: `Key ${requireKey()}`,
          accept: 'application/json',
          ...init.headers,
        },
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (signal?.aborted) throw abortError(signal, provider);
      throw new ProviderError(`${label}: could not reach fal for ${what}.`, {
        provider,
        cause: error,
      });
    }
  };

  const queueStatus = async (
    job: FalJobRef,
    signal: AbortSignal | undefined,
  ): Promise<QueueStatus> => {
    const response = await send(job.statusUrl, {}, 'the status', signal);
    if (response.status === 404) throw notFound(job.requestId);
    if (!response.ok) throw await failure(response, 'a status check');
    return ((await response.json()) ?? {}) as QueueStatus;
  };

  const progressOf = (answer: QueueStatus) => {
    const position = answer.queue_position;
    return answer.status === 'IN_QUEUE'
      ? {
          stage: 'queued' as const,
          ...(typeof position === 'number'
            ? { message: `Position ${position + 1} in fal's queue` }
            : {}),
        }
      : { stage: 'processing' as const };
  };

  const completedError = (answer: QueueStatus): Error | undefined =>
    answer.error === undefined || answer.error === null
      ? undefined
      : new ProviderError(
          `${label}: the fal request failed: ${String(answer.error).slice(0, 300)}.`,
          {
            provider,
          },
        );

  return {
    /** Puts one request on fal's queue and returns at once with its request id and URLs. */
    async startJob(call) {
      const signal = call.abortSignal;
      if (signal?.aborted) throw abortError(signal, provider);
      const response = await send(
        `${config.queueURL}/${config.modelId}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(falInput(call)),
        },
        'the submit',
        signal,
      );
      if (!response.ok) throw await failure(response, 'the submit');
      const answer = (await response.json()) as Record<string, unknown> | null;
      const ref: Record<string, JsonValue> = {
        requestId: answer?.request_id as JsonValue,
        statusUrl: answer?.status_url as JsonValue,
        responseUrl: answer?.response_url as JsonValue,
        cancelUrl: answer?.cancel_url as JsonValue,
        n: call.n,
      };
      if (call.seed !== undefined) ref.seed = call.seed;
      try {
        return { ref: { ...parseFalJobRef(ref, config.queueURL) } as JsonValue };
      } catch {
        throw new ProviderError(
          `${label}: fal's queue answered without a request id and URLs on its own host, so the key was not sent on. Check the fal queue URL.`,
          { provider, ownMessage: true },
        );
      }
    },

    /**
     * Polls the request until fal completes it, then reads its output and downloads the images
     * (allowed hosts, no key, a size cap). Aborting stops the waiting only.
     */
    async resumeJob(ref, options: ImageModelJobOptions = {}): Promise<ImageModelResult> {
      const job = parseFalJobRef(ref, config.queueURL);
      const signal = options.abortSignal;
      if (signal?.aborted) throw abortError(signal, provider);
      requireKey();
      const started = Date.now();
      for (;;) {
        const answer = await queueStatus(job, signal);
        if (answer.status === 'COMPLETED') {
          const failed = completedError(answer);
          if (failed) throw failed;
          break;
        }
        options.onProgress?.(progressOf(answer));
        try {
          await sleep(config.pollIntervalMs, signal);
        } catch {
          throw abortError(signal, provider);
        }
      }

      const response = await send(job.responseUrl, {}, 'the result', signal);
      if (response.status === 404) throw notFound(job.requestId);
      if (!response.ok) throw await failure(response, 'the result');
      const output = ((await response.json()) ?? {}) as {
        images?: Array<{ url?: unknown }>;
        seed?: unknown;
        has_nsfw_concepts?: unknown;
      };
      const warnings: ImageModelWarning[] = [];
      const flags = Array.isArray(output.has_nsfw_concepts) ? output.has_nsfw_concepts : [];
      // fal's safety checker answers a flagged image with a blank one: those are dropped.
      const urls = (Array.isArray(output.images) ? output.images : [])
        .map((image, i) => ({ url: image?.url, flagged: flags[i] === true }))
        .filter(
          (image): image is { url: string; flagged: boolean } => typeof image.url === 'string',
        );
      const kept = urls.filter((image) => !image.flagged);
      if (urls.length > 0 && kept.length === 0) {
        throw new ContentFilteredError(
          `${label}: fal's safety checker flagged every image. Change the prompt and try again.`,
          { provider },
        );
      }
      if (kept.length === 0) {
        throw new ProviderError(`${label}: the fal request completed without an image.`, {
          provider,
        });
      }
      if (kept.length < urls.length) {
        warnings.push({
          type: 'other',
          message: `fal's safety checker flagged ${urls.length - kept.length} of ${urls.length} images; they were left out.`,
        });
      }
      options.onProgress?.({ stage: 'downloading' });
      const seed = typeof output.seed === 'number' ? output.seed : job.seed;
      const images: GeneratedImageData[] = await Promise.all(
        keepAsked(kept, job.n, 'fal', 'downloaded', warnings).map(async (image, i) => {
          const data = await downloadOutput(image.url, {
            allowedHosts: [...config.outputHosts],
            fetch: config.fetch,
            signal,
            provider,
            ...(config.maxOutputBytes === undefined ? {} : { maxBytes: config.maxOutputBytes }),
          });
          return i === 0 && seed !== undefined ? { ...data, seed } : data;
        }),
      );
      options.onProgress?.({ stage: 'done' });
      return {
        images,
        warnings,
        response: { timestamp: new Date(), modelId: config.modelId, id: job.requestId },
        ...(seed === undefined ? {} : { seed }),
        timings: { totalMs: Date.now() - started },
      };
    },

    /** Asks fal's queue once where the request is. */
    async statusJob(ref): Promise<ImageModelJobStatus> {
      const job = parseFalJobRef(ref, config.queueURL);
      const answer = await queueStatus(job, undefined);
      if (answer.status === 'COMPLETED') {
        return { status: completedError(answer) ? 'failed' : 'succeeded' };
      }
      return { status: 'running', progress: progressOf(answer) };
    },

    /**
     * Asks fal to cancel the request (`PUT cancel_url`): a queued request is removed, a running
     * one is signalled. One that already completed is left as it is.
     */
    async cancelJob(ref) {
      const job = parseFalJobRef(ref, config.queueURL);
      const response = await send(
        job.cancelUrl,
        { method: 'PUT' },
        'the cancel',
        AbortSignal.timeout(10_000),
      );
      if (response.status === 404) throw notFound(job.requestId);
      // 400 is fal's ALREADY_COMPLETED: nothing is left to stop.
      if (!response.ok && response.status !== 400) throw await failure(response, 'the cancel');
    },
  };
}

function notFound(id: string): JobNotFoundError {
  return new JobNotFoundError(
    `fal no longer knows request ${id} (queue results are kept for a limited time); start the generation again.`,
    { provider, ownMessage: true },
  );
}
