// Resumable BFL tasks, spoken to BFL's HTTP API directly: the AI SDK package polls inside one
// call and never hands out the task, so a job cannot go through it. Protocol as the provider
// already relies on it: `POST <base>/<model>` with `x-key` answers `{ id, polling_url }`;
// `GET <polling_url>` answers `{ status, result }`, `status` one of Pending, Ready (with
// `result.sample`, a signed image URL), Request Moderated, Content Moderated, Error, Failed or
// Task not found. BFL keeps a task's result for a limited time and documents no cancel.
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
  ImageGenerationProgress,
  ImageModelCallOptions,
  ImageModelJobOptions,
  ImageModelJobStatus,
  ImageModelResult,
  ImageModelV1,
  JsonValue,
} from '../../spec/image-model';
import type { ModelCapabilities } from '../../types';
import {
  abortError,
  closestAspectRatio,
  defaultSleep,
  keyRequirer,
  type SleepFn,
} from '../provider-utils';

/** BFL's global endpoint hands out polling URLs on its regional API hosts. */
const BFL_API_HOST = /^api(\.[a-z0-9-]+)?\.bfl\.ai$/;

/**
 * Whether the key may go to `url`: BFL's `api.*.bfl.ai` hosts over https, or the configured
 * API's own host (a proxy or a test server).
 */
export function isBflKeyHost(url: URL, baseURL: string): boolean {
  const apiHost = new URL(baseURL).host;
  if (url.protocol === 'https:') return BFL_API_HOST.test(url.hostname) || url.host === apiHost;
  return url.host === apiHost;
}

/** The reference a BFL job hands out: the task and where to ask about it. */
export interface BflJobRef {
  /** BFL's task id. */
  id: string;
  /** BFL's polling URL for the task, on one of its API hosts. */
  pollingUrl: string;
  /** The seed sent, reported when BFL's answer names none. */
  seed?: number;
}

/** What the job methods need from the provider. */
export interface BflJobConfig {
  modelId: string;
  label: string;
  capabilities: ModelCapabilities;
  apiKey: () => string | undefined;
  baseURL: string;
  fetch: typeof fetch;
  outputHosts: readonly string[];
  maxOutputBytes?: number;
  pollIntervalMs: number;
  sleep?: SleepFn;
}

const TASK_ID = /^[A-Za-z0-9_-]{1,128}$/;
const provider = 'bfl';

/** Reads a reference back, refusing anything `startJob` could not have made. */
export function parseBflJobRef(ref: JsonValue, baseURL: string): BflJobRef {
  const value = ref as Partial<Record<keyof BflJobRef, unknown>> | null;
  const id = value?.id;
  const pollingUrl = value?.pollingUrl;
  const seed = value?.seed;
  const shaped =
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof id === 'string' &&
    TASK_ID.test(id) &&
    typeof pollingUrl === 'string' &&
    URL.canParse(pollingUrl) &&
    (seed === undefined || (typeof seed === 'number' && Number.isInteger(seed)));
  if (!shaped) {
    throw new InvalidRequestError(
      'This is not a Black Forest Labs job reference; start the job again to get a new one.',
      { provider, ownMessage: true },
    );
  }
  // A reference may come from anywhere a host stores it: the key goes to BFL's hosts only.
  if (!isBflKeyHost(new URL(pollingUrl), baseURL)) {
    throw new InvalidRequestError(
      `This Black Forest Labs job reference polls ${new URL(pollingUrl).host}, which is not one of BFL's API hosts, so the key was not sent there. Start the job again.`,
      { provider, ownMessage: true },
    );
  }
  return seed === undefined ? { id, pollingUrl } : { id, pollingUrl, seed };
}

/** BFL's request body for one image, as the provider's generation sends it. */
export function bflTaskBody(
  call: ImageModelCallOptions,
  capabilities: ModelCapabilities,
): Record<string, unknown> {
  const body: Record<string, unknown> = { prompt: call.prompt };
  if (call.seed !== undefined) body.seed = call.seed;
  if (capabilities.sizing === 'aspect-ratio') {
    const ratio =
      call.aspectRatio ??
      (call.size && capabilities.aspectRatios?.length
        ? closestAspectRatio(call.size.width, call.size.height, capabilities.aspectRatios)
        : undefined);
    if (ratio) body.aspect_ratio = ratio;
  } else if (call.size) {
    body.width = call.size.width;
    body.height = call.size.height;
  }
  if (call.steps !== undefined && capabilities.steps) body.steps = call.steps;
  return body;
}

/** The optional job methods of one BFL model. */
export function bflJobMethods(
  config: BflJobConfig,
): Required<Pick<ImageModelV1, 'startJob' | 'resumeJob' | 'statusJob' | 'cancelJob'>> {
  const { label } = config;
  const sleep = config.sleep ?? defaultSleep;

  const requireKey = keyRequirer(
    config.apiKey,
    provider,
    'No Black Forest Labs API key: set BFL_API_KEY (or pass apiKey to createBlackForestLabsImages).',
  );

  const failure = async (response: Response, what: string): Promise<Error> => {
    const text = (await response.text().catch(() => '')).slice(0, 500);
    if (response.status === 401 || response.status === 403) {
      return new AuthenticationError(
        `${label}: Black Forest Labs refused the API key (HTTP ${response.status}). Check BFL_API_KEY on the server.`,
        { provider, ownMessage: true },
      );
    }
    if (response.status === 402) {
      return new ProviderError(
        `${label}: the Black Forest Labs account is out of credits (HTTP 402). Add credits, then try again.`,
        { provider, status: 402, ownMessage: true },
      );
    }
    if (response.status === 429) {
      return new RateLimitedError(
        `${label}: Black Forest Labs is rate limiting requests (HTTP 429); try again shortly.`,
        { provider },
      );
    }
    return new ProviderError(
      `${label}: Black Forest Labs answered ${what} with HTTP ${response.status}${text ? `: ${text}` : ''}.`,
      { provider, status: response.status },
    );
  };

  /** One poll of the task: BFL's answer, or a typed error for a task it no longer knows. */
  const pollOnce = async (
    job: BflJobRef,
    key: string,
    signal: AbortSignal | undefined,
  ): Promise<{ status: string; result?: { sample?: unknown; seed?: unknown } | null }> => {
    let response: Response;
    try {
      response = await config.fetch(job.pollingUrl, {
        headers: { 'x-key': key, accept: 'application/json' },
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (signal?.aborted) throw abortError(signal, provider);
      throw new ProviderError(`${label}: could not reach Black Forest Labs to poll the task.`, {
        provider,
        cause: error,
      });
    }
    if (response.status === 404) throw notFound(job.id);
    if (!response.ok) throw await failure(response, 'a poll');
    const answer = (await response.json()) as { status?: unknown; result?: unknown };
    const status = typeof answer?.status === 'string' ? answer.status : 'Pending';
    if (status === 'Task not found') throw notFound(job.id);
    return { status, result: answer.result as { sample?: unknown; seed?: unknown } | null };
  };

  const verdict = (status: string, result: unknown): Error | undefined => {
    if (status === 'Request Moderated' || status === 'Content Moderated') {
      const what = status === 'Request Moderated' ? 'the prompt' : 'the image';
      return new ContentFilteredError(
        `${label}: Black Forest Labs' moderation blocked ${what} (${status}). Change the prompt and try again.`,
        { provider },
      );
    }
    if (status === 'Error' || status === 'Failed') {
      const details = result ? `: ${JSON.stringify(result).slice(0, 300)}` : '';
      return new ProviderError(
        `${label}: the Black Forest Labs task ended as "${status}"${details}.`,
        { provider },
      );
    }
    return undefined;
  };

  return {
    /** Submits one BFL task and returns at once with its id and polling URL. */
    async startJob(call) {
      const signal = call.abortSignal;
      if (signal?.aborted) throw abortError(signal, provider);
      const key = requireKey();
      let response: Response;
      try {
        response = await config.fetch(`${config.baseURL}/${config.modelId}`, {
          method: 'POST',
          headers: { 'x-key': key, 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(bflTaskBody(call, config.capabilities)),
          ...(signal ? { signal } : {}),
        });
      } catch (error) {
        if (signal?.aborted) throw abortError(signal, provider);
        throw new ProviderError(`${label}: could not reach Black Forest Labs to submit the task.`, {
          provider,
          cause: error,
        });
      }
      if (!response.ok) throw await failure(response, 'the submit');
      const answer = (await response.json()) as { id?: unknown; polling_url?: unknown };
      const polling = typeof answer?.polling_url === 'string' ? answer.polling_url : '';
      if (!URL.canParse(polling) || !isBflKeyHost(new URL(polling), config.baseURL)) {
        throw new ProviderError(
          `${label}: Black Forest Labs answered without a polling URL on one of its API hosts, so the key was not sent on. Check BFL_BASE_URL.`,
          { provider, ownMessage: true },
        );
      }
      const ref = { id: answer?.id, pollingUrl: answer?.polling_url } as unknown as JsonValue;
      // The same checks a resume makes, so a hostile answer never becomes a token.
      const job = parseBflJobRef(ref, config.baseURL);
      if (call.seed !== undefined) job.seed = call.seed;
      return { ref: { ...job } };
    },

    /**
     * Polls the task until BFL has an image, then downloads it (allowed hosts, no key, a size
     * cap). Aborting stops the waiting only: the task goes on at BFL.
     */
    async resumeJob(ref, options: ImageModelJobOptions = {}): Promise<ImageModelResult> {
      const job = parseBflJobRef(ref, config.baseURL);
      const signal = options.abortSignal;
      if (signal?.aborted) throw abortError(signal, provider);
      const key = requireKey();
      const started = Date.now();
      const progress = (p: ImageGenerationProgress) => options.onProgress?.(p);
      for (;;) {
        const answer = await pollOnce(job, key, signal);
        const failed = verdict(answer.status, answer.result);
        if (failed) throw failed;
        if (answer.status === 'Ready') {
          const sample = answer.result?.sample;
          if (typeof sample !== 'string') {
            throw new ProviderError(
              `${label}: Black Forest Labs answered Ready without an image.`,
              {
                provider,
              },
            );
          }
          progress({ stage: 'downloading' });
          const image = await downloadOutput(sample, {
            allowedHosts: [...config.outputHosts],
            fetch: config.fetch,
            signal,
            provider,
            ...(config.maxOutputBytes === undefined ? {} : { maxBytes: config.maxOutputBytes }),
          });
          const reported = answer.result?.seed;
          const seed = typeof reported === 'number' ? reported : job.seed;
          progress({ stage: 'done' });
          return {
            images: [{ ...image, ...(seed === undefined ? {} : { seed }) }],
            warnings: [],
            response: { timestamp: new Date(), modelId: config.modelId, id: job.id },
            ...(seed === undefined ? {} : { seed }),
            timings: { totalMs: Date.now() - started },
          };
        }
        progress({ stage: 'processing' });
        try {
          await sleep(config.pollIntervalMs, signal);
        } catch {
          throw abortError(signal, provider);
        }
      }
    },

    /** Asks BFL once where the task is. */
    async statusJob(ref): Promise<ImageModelJobStatus> {
      const job = parseBflJobRef(ref, config.baseURL);
      const answer = await pollOnce(job, requireKey(), undefined);
      if (answer.status === 'Ready') return { status: 'succeeded' };
      if (verdict(answer.status, answer.result)) return { status: 'failed' };
      return { status: 'running', progress: { stage: 'processing' } };
    },

    /**
     * Does nothing upstream: BFL's API documents no way to cancel a task. The task runs to its
     * end and BFL drops its result after its own retention time; only the reference is checked.
     */
    async cancelJob(ref) {
      parseBflJobRef(ref, config.baseURL);
    },
  };
}

function notFound(id: string): JobNotFoundError {
  return new JobNotFoundError(
    `Black Forest Labs no longer knows task ${id} (results are kept for a limited time); start the generation again.`,
    { provider, ownMessage: true },
  );
}
