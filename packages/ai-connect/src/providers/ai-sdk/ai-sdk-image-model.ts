// The bridge from an AI SDK image model (specification v3, `@ai-sdk/provider` 3.x, the line
// used by `ai` 6) to ai-connect's ImageModelV1, plus the registry entry that describes it.
// Types only: the AI SDK model object is the one thing it needs at runtime.
import type { ImageModelV3, ImageModelV3CallOptions, SharedV3Warning } from '@ai-sdk/provider';
import { sniffImageType } from '../../sniff-image';
import {
  IMAGE_MODEL_SPEC_VERSION,
  type ImageModelCallOptions,
  type ImageModelResult,
  type ImageModelV1,
  type ImageModelWarning,
  type ImageProvider,
} from '../../spec/image-model';
import type { ModelCapabilities, ModelCatalogEntry, ModelLimits } from '../../types';
import { keepAsked } from '../provider-utils';
import { mapAISDKError } from './ai-sdk-error';

/** Options of {@link fromAISDKImageModel}: how the model appears in the catalogue. */
export interface AISDKImageModelOptions {
  /** Public id, `<provider>/<name>` (e.g. `fal/flux-dev`). The part before `/` names the provider. */
  id: string;
  /** Shown in model lists and used in error messages. */
  label: string;
  description?: string;
  /** Limits requests are checked against; unset fields fall back to 256–2048 px, n ≤ 10. */
  limits?: Partial<ModelLimits>;
  /** What the model accepts; unset fields: exact sizes, a seed, no negative prompt or steps. */
  capabilities?: Partial<ModelCapabilities>;
  /** Default size and steps. Default 1024 × 1024. */
  defaults?: ModelCatalogEntry['defaults'];
  /** Estimated USD per image, for cost estimates and usage reports. */
  costPerImageUsd?: number;
  /**
   * Images per call when the model does not state a fixed number (the AI SDK allows a function
   * or nothing). Default: the model's number, else 1.
   */
  maxImagesPerCall?: number;
  /**
   * The `providerOptions` key the AI SDK provider reads (`openai`, `fal`, …), where a negative
   * prompt and steps go. Default: `model.provider` up to its first `.`.
   */
  providerOptionsKey?: string;
  /**
   * Names of the provider option that carries a negative prompt and the step count, for models
   * whose capabilities say they take them. Default `negativePrompt` and `steps`.
   */
  settingNames?: { negativePrompt?: string; steps?: string };
  /**
   * Whether the AI SDK provider has its key. A provider answering false is never live, so
   * servers list the model as unavailable and never pick it as the default. Default: always.
   */
  isConfigured?: () => boolean;
}

/** A provider and its catalogue entry: add both and the model is served like any other. */
export interface AISDKImageModelBridge {
  provider: ImageProvider;
  entry: ModelCatalogEntry;
}

const DEFAULT_LIMITS: ModelLimits = {
  minWidth: 256,
  maxWidth: 2048,
  minHeight: 256,
  maxHeight: 2048,
  maxN: 10,
  maxPromptLength: 4000,
};

const DEFAULT_CAPABILITIES: ModelCapabilities = {
  negativePrompt: false,
  seed: true,
  steps: false,
  sizing: 'dimensions',
  imageInput: false,
};

/**
 * Adapts an AI SDK image model (specification v3, from `@ai-sdk/provider` 3.x: the providers
 * of the `ai` 6 line, the newest that runs on Node 20) into an ai-connect provider and a
 * registry entry, so `generateImages`, the image server, its model list and cost estimate
 * treat it like a built-in model.
 *
 * The request's size goes as `size` (`"1024x768"`) or, for `sizing: 'aspect-ratio'`, as
 * `aspectRatio`; `n`, `seed`, the abort signal and `providerOptions` pass through; a negative
 * prompt and steps go into `providerOptions[providerOptionsKey]` when the capabilities say the
 * model takes them. HTTP failures become typed errors: 401/403 `authentication`, 429
 * `rate_limited` (with Retry-After), 400/404/422 `invalid_request`, 5xx a retryable
 * `provider_error`, an abort `canceled`.
 *
 * @example
 * const openai = createOpenAI({ apiKey: process.env.OPENAI_API_KEY });
 * const bridge = fromAISDKImageModel(openai.image('gpt-image-1'), {
 *   id: 'ai-sdk-openai/gpt-image-1',
 *   label: 'GPT Image 1 (AI SDK)',
 *   costPerImageUsd: 0.042,
 *   capabilities: { seed: false, sizes: ['1024x1024', '1536x1024', '1024x1536'] },
 * });
 * const registry = createModelRegistry([...defaultModelCatalog, bridge.entry]);
 * const providers = { [bridge.provider.name]: bridge.provider };
 */
export function fromAISDKImageModel(
  model: ImageModelV3,
  options: AISDKImageModelOptions,
): AISDKImageModelBridge {
  const slash = options.id.indexOf('/');
  if (slash <= 0 || slash === options.id.length - 1) {
    throw new Error(
      `fromAISDKImageModel needs an id of the form "<provider>/<name>", got "${options.id}".`,
    );
  }
  const name = options.id.slice(0, slash);
  const entry: ModelCatalogEntry = {
    id: options.id,
    provider: name,
    providerModelId: model.modelId,
    label: options.label,
    capabilities: { ...DEFAULT_CAPABILITIES, ...options.capabilities },
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    defaults: options.defaults ?? { width: 1024, height: 1024 },
  };
  if (options.description !== undefined) entry.description = options.description;
  if (options.costPerImageUsd !== undefined) entry.costPerImageUsd = options.costPerImageUsd;

  const adapted = new AISDKImageModel(model, name, entry, options);
  const provider: ImageProvider = {
    name,
    imageModel(modelId: string): ImageModelV1 {
      if (modelId !== model.modelId) {
        throw new Error(
          `The "${name}" provider bridges only the AI SDK model "${model.modelId}", not "${modelId}".`,
        );
      }
      return adapted;
    },
  };
  if (options.isConfigured) provider.isConfigured = options.isConfigured;
  return { provider, entry };
}

/** One AI SDK image model behind ImageModelV1. */
class AISDKImageModel implements ImageModelV1 {
  readonly specificationVersion = IMAGE_MODEL_SPEC_VERSION;
  readonly provider: string;
  readonly modelId: string;
  readonly maxImagesPerCall: number;
  private readonly optionsKey: string;

  constructor(
    private readonly model: ImageModelV3,
    provider: string,
    private readonly entry: ModelCatalogEntry,
    private readonly options: AISDKImageModelOptions,
  ) {
    this.provider = provider;
    this.modelId = model.modelId;
    this.maxImagesPerCall =
      typeof model.maxImagesPerCall === 'number'
        ? model.maxImagesPerCall
        : (options.maxImagesPerCall ?? 1);
    this.optionsKey = options.providerOptionsKey ?? model.provider.split('.')[0] ?? provider;
  }

  async doGenerate(call: ImageModelCallOptions): Promise<ImageModelResult> {
    const started = Date.now();
    let result: Awaited<ReturnType<ImageModelV3['doGenerate']>>;
    try {
      result = await this.model.doGenerate(this.toSDKCall(call));
    } catch (error) {
      throw mapAISDKError(error, this.provider, this.entry.label, call.abortSignal);
    }
    const warnings = result.warnings.map(toWarning);
    // Only the images asked for are decoded; a surplus would cost memory for nothing.
    const all: ReadonlyArray<string | Uint8Array> = result.images;
    const kept = keepAsked(all, call.n, this.entry.label, 'decoded', warnings);
    const images = kept.map((data) => {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'base64') : data;
      const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      // generateImages sniffs again and refuses anything that is not an image.
      return { bytes: view, mediaType: sniffImageType(view) ?? 'application/octet-stream' };
    });
    const out: ImageModelResult = {
      images,
      warnings,
      response: { timestamp: result.response.timestamp, modelId: result.response.modelId },
      timings: { totalMs: Date.now() - started },
    };
    const requestId = headerValue(result.response.headers, 'x-request-id');
    if (requestId) out.response.id = requestId;
    if (result.providerMetadata) out.providerMetadata = result.providerMetadata;
    return out;
  }

  private toSDKCall(call: ImageModelCallOptions): ImageModelV3CallOptions {
    const { capabilities } = this.entry;
    const byAspect = capabilities.sizing === 'aspect-ratio';
    const providerOptions: Record<string, Record<string, unknown>> = { ...call.providerOptions };
    const own: Record<string, unknown> = { ...providerOptions[this.optionsKey] };
    const names = this.options.settingNames;
    if (capabilities.negativePrompt && call.negativePrompt !== undefined) {
      own[names?.negativePrompt ?? 'negativePrompt'] = call.negativePrompt;
    }
    if (capabilities.steps && call.steps !== undefined) own[names?.steps ?? 'steps'] = call.steps;
    if (Object.keys(own).length > 0) providerOptions[this.optionsKey] = own;
    const sdkCall: ImageModelV3CallOptions = {
      prompt: call.prompt,
      n: call.n,
      size: !byAspect && call.size ? `${call.size.width}x${call.size.height}` : undefined,
      aspectRatio: byAspect ? call.aspectRatio : undefined,
      seed: capabilities.seed ? call.seed : undefined,
      files: undefined,
      mask: undefined,
      // Values came in as JSON (the wire request, host settings), so they are JSON values.
      providerOptions: providerOptions as ImageModelV3CallOptions['providerOptions'],
    };
    if (call.abortSignal) sdkCall.abortSignal = call.abortSignal;
    return sdkCall;
  }
}

function toWarning(warning: SharedV3Warning): ImageModelWarning {
  if (warning.type === 'unsupported') {
    const out: ImageModelWarning = { type: 'unsupported-setting', setting: warning.feature };
    if (warning.details !== undefined) out.details = warning.details;
    return out;
  }
  if (warning.type === 'compatibility') {
    const details = warning.details ? `: ${warning.details}` : '';
    return { type: 'other', message: `${warning.feature} is only approximated${details}` };
  }
  return { type: 'other', message: warning.message };
}

function headerValue(headers: Record<string, string> | undefined, name: string) {
  if (!headers) return undefined;
  return Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
}
