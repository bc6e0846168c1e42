// One Replicate model behind the ImageModelV1 interface: create (sync mode with a deadline),
// poll to a terminal state, cancel on abort, then download the outputs at once.
import type { Prediction } from 'replicate';
import { downloadOutput } from '../../download-output';
import {
  AuthenticationError,
  CanceledError,
  ProviderError,
  RateLimitedError,
  TimeoutError,
} from '../../spec/errors';
import {
  type GeneratedImageData,
  IMAGE_MODEL_SPEC_VERSION,
  type ImageEditCallOptions,
  type ImageGenerationProgress,
  type ImageModelCallOptions,
  type ImageModelJobOptions,
  type ImageModelJobStatus,
  type ImageModelResult,
  type ImageModelV1,
  type ImageModelWarning,
  type JsonValue,
} from '../../spec/image-model';
import { abortError, keepAsked, type SleepFn } from '../provider-utils';
import { oneShotClient } from './replicate-client';
import { editWithReplicate } from './replicate-edit';
import { mapFailedPrediction, mapReplicateError, type ReplicatePhase } from './replicate-error';
import {
  buildReplicateInput,
  maxImagesPerCallFor,
  parseReplicateModelId,
  type ReplicateModelRef,
} from './replicate-input';
import {
  jobStatusOf,
  notFoundError,
  parseReplicateJobRef,
  type ReplicateJobRef,
} from './replicate-jobs';
import { parseLogProgress, parseLogSeed } from './replicate-logs';

/** Settings resolved by the provider factory; the token is read only when a call is made. */
export interface ReplicateModelConfig {
  apiToken: () => string | undefined;
  baseUrl: string;
  fetch: typeof fetch;
  outputHosts: string[];
  waitSeconds: number;
  pollIntervalMs: number;
  cancelAfter: string | undefined;
  maxOutputBytes: number;
  downloadTimeoutMs: number;
  /** Consecutive failed polls tolerated before giving up on a prediction. */
  maxPollFailures: number;
  now: () => number;
  sleep: SleepFn;
}

const provider = 'replicate';
const TERMINAL = new Set(['succeeded', 'failed', 'canceled', 'aborted']);
/** Longest pause between polls when Replicate rate-limits the polling itself. */
const MAX_POLL_BACKOFF_MS = 30_000;

export class ReplicateImageModel implements ImageModelV1 {
  readonly specificationVersion = IMAGE_MODEL_SPEC_VERSION;
  readonly provider = provider;
  readonly modelId: string;
  readonly maxImagesPerCall: number;
  private readonly ref: ReplicateModelRef;

  constructor(
    modelId: string,
    private readonly config: ReplicateModelConfig,
  ) {
    this.modelId = modelId;
    this.ref = parseReplicateModelId(modelId);
    this.maxImagesPerCall = maxImagesPerCallFor(this.ref.family);
  }

  async doGenerate(call: ImageModelCallOptions): Promise<ImageModelResult> {
    const startedAt = this.config.now();
    if (call.abortSignal?.aborted) throw abortError(call.abortSignal, provider);
    const token = this.requireToken();
    const { input, warnings } = buildReplicateInput(this.ref.family, call);
    return this.runPrediction(input, warnings, token, call, startedAt);
  }

  /** Edits through the model's own inputs (see replicate-edit.ts for which models do what). */
  doEdit(call: ImageEditCallOptions): Promise<ImageModelResult> {
    return editWithReplicate(call, {
      ref: this.ref,
      config: this.config,
      requireToken: () => this.requireToken(),
      run: (input, warnings, token, startedAt) =>
        this.runPrediction(input, warnings, token, call, startedAt),
    });
  }

  /**
   * Creates one prediction, follows it to its end and downloads its outputs, cancelling it
   * on abort: what a generation and an edit share once their inputs are built.
   */
  private async runPrediction(
    input: Record<string, unknown>,
    warnings: ImageModelWarning[],
    token: string,
    call: Pick<ImageModelCallOptions, 'n' | 'seed' | 'abortSignal' | 'onProgress'>,
    startedAt: number,
  ): Promise<ImageModelResult> {
    const signal = call.abortSignal;
    const progress = progressReporter(call.onProgress);
    progress({ stage: 'starting' });

    let prediction = await this.create(input, token, signal);
    progress(progressOf(prediction));
    prediction = await this.pollUntilDone(prediction, token, signal, progress);
    return this.finish(prediction, { n: call.n, seed: call.seed }, warnings, startedAt, token, {
      signal,
      progress,
    });
  }

  /**
   * Starts a prediction without waiting for it (no `Prefer: wait`), bounded by Replicate's
   * own `Cancel-After` deadline, and returns its id with what the result needs later.
   */
  async startJob(call: ImageModelCallOptions): Promise<{ ref: JsonValue }> {
    const signal = call.abortSignal;
    if (signal?.aborted) throw abortError(signal, provider);
    const token = this.requireToken();
    const { input } = buildReplicateInput(this.ref.family, call);
    const prediction = await this.create(input, token, signal, false);
    const ref: ReplicateJobRef = { id: prediction.id, n: call.n };
    if (call.seed !== undefined) ref.seed = call.seed;
    return { ref: { ...ref } };
  }

  /**
   * Follows a started prediction to its end and downloads its outputs. Aborting stops the
   * waiting only: the prediction goes on, for a later resume or its Cancel-After deadline.
   */
  async resumeJob(ref: JsonValue, options: ImageModelJobOptions = {}): Promise<ImageModelResult> {
    const job = parseReplicateJobRef(ref);
    const signal = options.abortSignal;
    const startedAt = this.config.now();
    if (signal?.aborted) throw abortError(signal, provider);
    const token = this.requireToken();
    const progress = progressReporter(options.onProgress);
    let prediction = await this.fetchJob(job.id, token, signal);
    progress(progressOf(prediction));
    prediction = await this.pollUntilDone(prediction, token, signal, progress, false);
    return this.finish(prediction, job, [], startedAt, token, { signal, progress });
  }

  /** Asks Replicate once where a started prediction is. */
  async statusJob(ref: JsonValue): Promise<ImageModelJobStatus> {
    const job = parseReplicateJobRef(ref);
    const prediction = await this.fetchJob(job.id, this.requireToken(), undefined);
    const status = jobStatusOf(prediction.status);
    return status === 'running' ? { status, progress: progressOf(prediction) } : { status };
  }

  /** Cancels a started prediction through the SDK's `predictions.cancel`. */
  async cancelJob(ref: JsonValue): Promise<void> {
    const job = parseReplicateJobRef(ref);
    const token = this.requireToken();
    const session = this.session(token);
    try {
      await session.client.predictions.cancel(job.id, { signal: AbortSignal.timeout(10_000) });
    } catch (error) {
      if (session.failure?.status === 404) throw notFoundError(job.id);
      throw mapReplicateError(error, { phase: 'poll', failure: session.failure, token });
    }
  }

  private requireToken(): string {
    const token = this.config.apiToken();
    if (!token) {
      throw new AuthenticationError(
        'No Replicate API token: set REPLICATE_API_TOKEN (or pass apiToken to createReplicate).',
        { provider },
      );
    }
    return token;
  }

  private session(token: string) {
    return oneShotClient({
      apiToken: token,
      baseUrl: this.config.baseUrl,
      fetch: this.config.fetch,
    });
  }

  /** One GET of a prediction; a 404 means Replicate no longer knows it. */
  private async fetchJob(
    id: string,
    token: string,
    signal: AbortSignal | undefined,
  ): Promise<Prediction> {
    const session = this.session(token);
    try {
      return await session.client.predictions.get(id, { signal });
    } catch (error) {
      if (signal?.aborted) throw abortError(signal, provider);
      if (session.failure?.status === 404) throw notFoundError(id);
      throw mapReplicateError(error, { phase: 'poll', failure: session.failure, token });
    }
  }

  /** A terminal prediction as a result: its failure mapped, or its outputs downloaded. */
  private async finish(
    prediction: Prediction,
    call: { n: number; seed?: number | undefined },
    warnings: ImageModelWarning[],
    startedAt: number,
    token: string,
    {
      signal,
      progress,
    }: { signal: AbortSignal | undefined; progress: (p: ImageGenerationProgress) => void },
  ): Promise<ImageModelResult> {
    const { config } = this;
    if (prediction.status === 'failed') throw mapFailedPrediction(prediction.error, token);
    // 'aborted' is newer than the SDK's Status type: the deadline passed before it started.
    if ((prediction.status as string) === 'aborted') {
      throw new TimeoutError(
        'Replicate dropped the prediction before it started because its Cancel-After deadline passed.',
        { provider },
      );
    }
    if (prediction.status === 'canceled') {
      throw new CanceledError(
        'The prediction was canceled on Replicate (its Cancel-After deadline passed, or someone canceled it).',
        { provider },
      );
    }

    const allUrls = outputUrls(prediction.output);
    if (allUrls.length === 0) {
      throw new ProviderError('The Replicate prediction succeeded but returned no image.', {
        provider,
      });
    }
    // Never fetch more than was asked for: a model (or a hostile proxy) listing 100 outputs
    // for one image would otherwise cost 100 downloads' memory and time.
    const urls = keepAsked(allUrls, call.n, 'Replicate', 'downloaded', warnings);
    progress({ stage: 'downloading' });
    // Outputs expire, so they are fetched now, without the token, from allowed hosts only.
    const downloaded = await Promise.all(
      urls.map((url) =>
        downloadOutput(url, {
          allowedHosts: config.outputHosts,
          fetch: config.fetch,
          maxBytes: config.maxOutputBytes,
          timeoutMs: config.downloadTimeoutMs,
          signal,
          provider,
          sleep: config.sleep,
        }),
      ),
    );
    progress({ stage: 'done', percent: 100 });

    const predictMs = prediction.metrics?.predict_time;
    const created = Date.parse(prediction.created_at);
    const started = prediction.started_at ? Date.parse(prediction.started_at) : Number.NaN;
    const seed = parseLogSeed(prediction.logs) ?? call.seed;
    // With one image the reported seed reproduces it alone; with several it is the batch's.
    const images: GeneratedImageData[] =
      downloaded.length === 1 && seed !== undefined
        ? downloaded.map((image) => ({ ...image, seed }))
        : downloaded;
    return {
      images,
      warnings,
      response: { timestamp: new Date(startedAt), modelId: this.modelId, id: prediction.id },
      ...(seed !== undefined ? { seed } : {}),
      timings: {
        ...(Number.isFinite(started - created) ? { queueMs: Math.max(0, started - created) } : {}),
        ...(typeof predictMs === 'number' ? { predictMs: Math.round(predictMs * 1000) } : {}),
        totalMs: Math.max(0, config.now() - startedAt),
      },
      providerMetadata: { predictionId: prediction.id, version: prediction.version },
    };
  }

  /**
   * Creates the prediction in sync mode (`Prefer: wait`). The request is not aborted with the
   * caller's signal: once sent, Replicate may have created the prediction, and only its id
   * lets us cancel it. So the call is raced against the signal instead, and a prediction that
   * arrives after an abort is canceled in the background.
   */
  private create(
    input: Record<string, unknown>,
    token: string,
    signal: AbortSignal | undefined,
    sync = true,
  ): Promise<Prediction> {
    const { config, ref } = this;
    const extraHeaders: Record<string, string> = {};
    if (config.cancelAfter) extraHeaders['Cancel-After'] = config.cancelAfter;
    const session = oneShotClient({
      apiToken: token,
      baseUrl: config.baseUrl,
      fetch: config.fetch,
      extraHeaders,
    });
    // Bounds a create that never answers; Replicate answers by the end of the wait window.
    const hardStop = AbortSignal.timeout((config.waitSeconds + 60) * 1000);
    const creating = session.client.predictions
      .create({
        ...(ref.version ? { version: ref.version } : { model: `${ref.owner}/${ref.name}` }),
        input,
        wait: sync && config.waitSeconds > 0 ? config.waitSeconds : false,
        signal: hardStop,
      } as Parameters<typeof session.client.predictions.create>[0])
      .catch((error: unknown) => {
        // A 5xx whose body is a prediction: it exists, so follow it rather than fail.
        const body = session.failure?.body;
        const adopted = body ? predictionFrom(body) : undefined;
        if (adopted) return adopted;
        throw mapReplicateError(error, { phase: 'create', failure: session.failure, token });
      });
    if (!signal) return creating;

    return new Promise<Prediction>((resolve, reject) => {
      const onAbort = () => {
        reject(abortError(signal, provider));
        creating.then(
          (prediction) => this.cancelQuietly(prediction.id, token),
          () => undefined,
        );
      };
      signal.addEventListener('abort', onAbort, { once: true });
      creating.then(
        (prediction) => {
          signal.removeEventListener('abort', onAbort);
          resolve(prediction);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }

  /**
   * Polls until the prediction is terminal. Outliving the sync wait window is normal, so a
   * `starting` or `processing` answer means "poll", never "done". GETs are safe to repeat,
   * so 5xx and network faults keep the loop going; a create is never sent again.
   */
  private async pollUntilDone(
    first: Prediction,
    token: string,
    signal: AbortSignal | undefined,
    progress: (p: ImageGenerationProgress) => void,
    cancelOnAbort = true,
  ): Promise<Prediction> {
    const { config } = this;
    let prediction = first;
    // A resumed job outlives its waiter: stopping to wait must not cancel it.
    const stop = async () => {
      if (cancelOnAbort) await this.cancelQuietly(prediction.id, token);
      return abortError(signal, provider);
    };
    let failures = 0;
    let pause = config.pollIntervalMs;
    while (!TERMINAL.has(prediction.status)) {
      try {
        await config.sleep(pause, signal);
      } catch {
        throw await stop();
      }
      pause = config.pollIntervalMs;
      const session = oneShotClient({
        apiToken: token,
        baseUrl: config.baseUrl,
        fetch: config.fetch,
      });
      try {
        prediction = await session.client.predictions.get(prediction.id, { signal });
        failures = 0;
        progress(progressOf(prediction));
      } catch (error) {
        if (signal?.aborted) throw await stop();
        const mapped = mapReplicateError(error, {
          phase: 'poll' satisfies ReplicatePhase,
          failure: session.failure,
          token,
        });
        if (mapped instanceof RateLimitedError) {
          pause = Math.min(MAX_POLL_BACKOFF_MS, mapped.retryAfterMs ?? config.pollIntervalMs * 2);
          continue;
        }
        if (!mapped.retryable) throw mapped;
        failures++;
        if (failures > config.maxPollFailures) {
          throw new ProviderError(
            `Lost track of Replicate prediction ${prediction.id} after ${failures} failed polls (${mapped.message}). It was not created again, to avoid paying twice.`,
            { provider, retryable: false },
          );
        }
        pause = Math.min(MAX_POLL_BACKOFF_MS, config.pollIntervalMs * 2 ** failures);
      }
    }
    return prediction;
  }

  /** Asks Replicate to stop a prediction (via the SDK's `predictions.cancel`); never throws. */
  private async cancelQuietly(id: string, token: string): Promise<void> {
    const session = oneShotClient({
      apiToken: token,
      baseUrl: this.config.baseUrl,
      fetch: this.config.fetch,
    });
    try {
      await session.client.predictions.cancel(id, { signal: AbortSignal.timeout(10_000) });
    } catch {
      // Best effort: the prediction may have finished already, and the caller has moved on.
    }
  }
}

function predictionFrom(body: string): Prediction | undefined {
  try {
    const parsed = JSON.parse(body) as Partial<Prediction>;
    if (typeof parsed.id === 'string' && typeof parsed.status === 'string') {
      return parsed as Prediction;
    }
  } catch {
    // not a prediction
  }
  return undefined;
}

function outputUrls(output: unknown): string[] {
  const values = Array.isArray(output) ? output : [output];
  return values.filter((value): value is string => typeof value === 'string' && value.length > 0);
}

function progressOf(prediction: Prediction): ImageGenerationProgress {
  if (prediction.status === 'starting') return { stage: 'starting' };
  const percent = parseLogProgress(prediction.logs);
  return {
    stage: 'processing',
    ...(percent !== undefined ? { percent } : {}),
  };
}

/** Forwards progress only when it changes, and never lets the percent go backwards. */
function progressReporter(onProgress: ImageModelCallOptions['onProgress']) {
  let lastStage: string | undefined;
  let lastPercent = -1;
  return (next: ImageGenerationProgress) => {
    if (!onProgress) return;
    const percent =
      next.percent !== undefined && lastStage === next.stage
        ? Math.max(next.percent, lastPercent)
        : next.percent;
    if (next.stage === lastStage && (percent === undefined || percent === lastPercent)) return;
    lastStage = next.stage;
    lastPercent = percent ?? -1;
    try {
      onProgress({ ...next, ...(percent !== undefined ? { percent } : {}) });
    } catch {
      // A failing progress listener must not fail the generation.
    }
  };
}
