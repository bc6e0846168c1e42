// Types of the entry point (generateImages) and of the model registry. The implementations
// live in generate.ts and registry.ts; these are shared with the server.
import type {
  GeneratedImageData,
  ImageEditOperation,
  ImageGenerationProgress,
  ImageModelWarning,
  ImagePartial,
  ImageProvider,
} from './spec/index';

/** The request as a host or the server sends it: the same shape as the browser contract. */
export interface GenerateImagesRequest {
  prompt: string;
  width?: number;
  height?: number;
  /** A registry id such as `replicate/sdxl`. Default: the registry's default live model. */
  model?: string;
  negativePrompt?: string;
  steps?: number;
  seed?: number;
  /** Images wanted in all. Default 1. */
  n?: number;
}

export interface ModelCapabilities {
  negativePrompt: boolean;
  seed: boolean;
  steps: boolean;
  /** Whether the model takes a pixel size or an aspect ratio. */
  sizing: 'dimensions' | 'aspect-ratio';
  /** The ratios an aspect-ratio model accepts, e.g. `['1:1', '16:9']`. */
  aspectRatios?: string[];
  /** Exact sizes a model accepts, when it only takes a few (e.g. `['1024x1024']`). */
  sizes?: string[];
  imageInput: boolean;
  /**
   * What the model does: `generate` (from a prompt) and the edit operations it serves through
   * `editImages`. Absent: generate only.
   */
  operations?: ModelOperation[];
}

/** Every operation a catalogue entry can serve. */
export type ModelOperation = 'generate' | ImageEditOperation;

export interface ModelLimits {
  minWidth: number;
  maxWidth: number;
  minHeight: number;
  maxHeight: number;
  /** Width and height must be multiples of this. */
  sizeMultiple?: number;
  minSteps?: number;
  maxSteps?: number;
  /** Images per request in all (generateImages splits them into calls). */
  maxN: number;
  maxPromptLength: number;
  /**
   * Longest side of an edit's input or result, for models that edit. Default: `maxWidth` and
   * `maxHeight`.
   */
  maxEditSide?: number;
  /** Largest edit input or result, in pixels. Default: no cap beyond the sides. */
  maxEditPixels?: number;
}

/** One model in the catalogue. */
export interface ModelCatalogEntry {
  /** Public id, `<provider>/<name>`: what requests name in `model`. */
  id: string;
  provider: string;
  /** The provider's own id, passed to `provider.imageModel()`. */
  providerModelId: string;
  label: string;
  description?: string;
  capabilities: ModelCapabilities;
  limits: ModelLimits;
  defaults: { width: number; height: number; steps?: number };
  /** Estimated USD per image, when known. */
  costPerImageUsd?: number;
  /** True for the keyless local placeholder model. */
  placeholder?: boolean;
}

export interface CostEstimate {
  model: string;
  images: number;
  /** Undefined when the model's price is unknown. */
  estimatedUsd: number | undefined;
}

export interface ModelRegistry {
  list(): ModelCatalogEntry[];
  get(id: string): ModelCatalogEntry | undefined;
  /** The default model among those whose provider is in `liveProviders` (all when omitted). */
  defaultModel(liveProviders?: Iterable<string>): ModelCatalogEntry;
  estimateCost(request: GenerateImagesRequest): CostEstimate;
}

/** Reported after every successful generation, for billing and quotas. */
export interface UsageReport {
  provider: string;
  model: string;
  images: number;
  /** Wall time of the whole generation, retries included. */
  durationMs: number;
  /** Sum of the provider's own predict times, when reported. */
  predictMs?: number;
  /** Reported cost when the provider gives it, else the registry's estimate. */
  costUsd?: number;
  requestIds: string[];
}

export interface GenerateImagesOptions {
  /** Providers by name (`replicate`, `openai`, `local`). Only these models can serve. */
  providers: Record<string, ImageProvider>;
  /** Default: the built-in catalogue. */
  registry?: ModelRegistry;
  signal?: AbortSignal;
  onProgress?: (progress: ImageGenerationProgress & { image?: number; images?: number }) => void;
  /**
   * Previews while the images render, where the model streams them (others send none). `index`
   * is the image within the whole request (0-based), across every call `n` was split into.
   */
  onPartialImage?: (partial: ImagePartial) => void;
  /** Total time for the whole generation, retries included. Default 120 000 ms. */
  timeoutMs?: number;
  /** Retries for rate limits and retryable failures. Default 2. */
  maxRetries?: number;
  /** Longest Retry-After honoured; a longer one fails at once. Default 30 000 ms. */
  maxRetryAfterMs?: number;
  /** Models to try, in order, when the chosen one fails in a retryable way. */
  fallbackModels?: string[];
  onUsage?: (usage: UsageReport) => void;
  /** Passed through to the model call. */
  providerOptions?: Record<string, Record<string, unknown>>;
  /** Clock and sleep seams for deterministic tests. */
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface GeneratedImage extends GeneratedImageData {
  width: number;
  height: number;
  seed?: number;
}

export interface GenerateImagesResult {
  images: GeneratedImage[];
  /** The catalogue entry that served (after any fallback). */
  model: ModelCatalogEntry;
  warnings: ImageModelWarning[];
  usage: UsageReport;
}

/**
 * One edit of an existing image, as the server or a host sends it to `editImages`: the media
 * library's `MediaAIEditRequest` with the files as bytes.
 */
export interface EditImagesRequest {
  operation: ImageEditOperation;
  /** The input image's bytes (PNG, JPEG, WebP, GIF or AVIF). */
  image: Uint8Array;
  /** A PNG of the image's size whose transparent pixels mark the area to change. */
  mask?: Uint8Array;
  /** Required for `edit` and `inpaint`. */
  prompt?: string;
  /** A registry id such as `local/edit`. Default: the first live model that takes the operation. */
  model?: string;
  /** For `upscale` only: 2 or 4. Default 2. */
  scale?: 2 | 4;
  /** Results wanted in all. Default 1. */
  n?: number;
  seed?: number;
  /** For `outpaint`: pixels added on each side (whole numbers, at least one above 0). */
  outpaint?: { top?: number; right?: number; bottom?: number; left?: number };
  /** How far the result may move from the input, 0–1. */
  strength?: number;
  negativePrompt?: string;
}

/** Options of `editImages`: the same seams and guarantees as `generateImages`. */
export type EditImagesOptions = GenerateImagesOptions;

/** What `editImages` returns. */
export interface EditImagesResult extends GenerateImagesResult {
  operation: ImageEditOperation;
}
