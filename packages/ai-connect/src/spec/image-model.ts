// The image-model interface every provider implements. Versioned so a provider written for
// one version keeps working, or fails to type-check, when the interface changes.

export const IMAGE_MODEL_SPEC_VERSION = 'v1' as const;

/** Progress reported while a model works. `percent` is 0–100 when known. */
export interface ImageGenerationProgress {
  stage: 'queued' | 'starting' | 'processing' | 'downloading' | 'done';
  percent?: number;
  message?: string;
}

export interface ImageModelCallOptions {
  prompt: string;
  /** Images to make in this call; never more than the model's `maxImagesPerCall`. */
  n: number;
  /** Exact pixel size, for models that take one. */
  size?: { width: number; height: number };
  /** `"16:9"` and the like, for models that take an aspect ratio instead of a size. */
  aspectRatio?: `${number}:${number}`;
  seed?: number;
  negativePrompt?: string;
  steps?: number;
  /** Provider-specific settings keyed by provider name, passed through as they are. */
  providerOptions?: Record<string, Record<string, unknown>>;
  /** Aborting must stop the upstream work (e.g. cancel a prediction), not just stop waiting. */
  abortSignal?: AbortSignal;
  onProgress?: (progress: ImageGenerationProgress) => void;
  /**
   * Asks for low-detail previews while the images render, where the model can stream them.
   * Each preview's bytes are an image (sniffed, as finals are); the final image replaces them.
   * Models that cannot stream ignore it and still return their images.
   */
  onPartialImage?: (partial: ImagePartial) => void;
}

/** A preview of one image while it renders; see {@link ImageModelCallOptions.onPartialImage}. */
export interface ImagePartial {
  /** The image within the call (0-based) this previews. */
  index: number;
  /** Counts up from 0 for each image: a later preview is closer to the final one. */
  partialIndex: number;
  bytes: Uint8Array;
  mediaType: string;
}

/** One image as bytes, with the media type sniffed from those bytes. */
export interface GeneratedImageData {
  bytes: Uint8Array;
  mediaType: string;
  width?: number;
  height?: number;
  /** The seed that reproduces this image alone, when the provider knows it. */
  seed?: number;
}

/** A setting the model could not honour. The call still succeeds. */
export type ImageModelWarning =
  | { type: 'unsupported-setting'; setting: string; details?: string }
  | { type: 'other'; message: string };

export interface ImageModelResult {
  images: GeneratedImageData[];
  warnings: ImageModelWarning[];
  response: {
    timestamp: Date;
    modelId: string;
    /** The provider's id for this call, such as a prediction id. */
    id?: string;
  };
  /** Seed the provider used, when it reports one. */
  seed?: number;
  timings?: { queueMs?: number; predictMs?: number; totalMs: number };
  /** Cost of this call in USD when the provider reports or implies it. */
  costUsd?: number;
  providerMetadata?: Record<string, unknown>;
}

/** What an edit does to its input; see `ImageModelV1.doEdit`. */
export type ImageEditOperation =
  | 'edit'
  | 'inpaint'
  | 'outpaint'
  | 'variation'
  | 'upscale'
  | 'remove-background';

/** An image handed to a model: its bytes, sniffed media type and decoded size. */
export interface ImageInput {
  bytes: Uint8Array;
  mediaType: string;
  width: number;
  height: number;
}

/** One call of `doEdit`, already checked against the model's limits by `editImages`. */
export interface ImageEditCallOptions {
  operation: ImageEditOperation;
  image: ImageInput;
  /** A PNG of the image's size; its transparent pixels mark the area to change. */
  mask?: ImageInput;
  prompt?: string;
  /** Results to make in this call; never more than the model's `maxImagesPerCall`. */
  n: number;
  /** For `upscale`: 2 or 4. */
  scale?: 2 | 4;
  seed?: number;
  /** For `outpaint`: whole pixels added on each side. */
  outpaint?: { top: number; right: number; bottom: number; left: number };
  /** 0–1: how far the result may move from the input. */
  strength?: number;
  negativePrompt?: string;
  /** Provider-specific settings keyed by provider name, passed through as they are. */
  providerOptions?: Record<string, Record<string, unknown>>;
  /** Aborting must stop the upstream work (e.g. cancel a prediction), not just stop waiting. */
  abortSignal?: AbortSignal;
  onProgress?: (progress: ImageGenerationProgress) => void;
}

/** An image model of one provider. */
export interface ImageModelV1 {
  readonly specificationVersion: typeof IMAGE_MODEL_SPEC_VERSION;
  /** 'replicate', 'openai', 'local', ... */
  readonly provider: string;
  /** The provider's own model id, e.g. `stability-ai/sdxl:7762fd07…` or `gpt-image-1`. */
  readonly modelId: string;
  readonly maxImagesPerCall: number;
  doGenerate(options: ImageModelCallOptions): Promise<ImageModelResult>;
  /**
   * Edits an image (optional: only models whose catalogue entry lists edit operations have
   * it). Same result shape and cancellation duty as `doGenerate`.
   */
  doEdit?(options: ImageEditCallOptions): Promise<ImageModelResult>;
  /**
   * Starts the upstream work and returns at once with a small JSON reference to it (e.g. a
   * prediction id), for models whose provider keeps the work going without a connection.
   * Only for models that also have `resumeJob`.
   */
  startJob?(options: ImageModelCallOptions): Promise<{ ref: JsonValue }>;
  /**
   * Waits for (or fetches) the result of a started job. Aborting stops waiting only; the
   * upstream work goes on until `cancelJob` or the provider's own deadline.
   * Throws a JobNotFoundError when the provider no longer knows the reference.
   */
  resumeJob?(ref: JsonValue, options?: ImageModelJobOptions): Promise<ImageModelResult>;
  /** Cancels the upstream work of a started job. */
  cancelJob?(ref: JsonValue): Promise<void>;
  /** Where a started job is, asked once, without waiting. */
  statusJob?(ref: JsonValue): Promise<ImageModelJobStatus>;
}

/** Any value that survives `JSON.stringify` and `JSON.parse` unchanged. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

/** Options of `ImageModelV1.resumeJob`. */
export interface ImageModelJobOptions {
  /** Stops waiting; never cancels the upstream work. */
  abortSignal?: AbortSignal;
  onProgress?: (progress: ImageGenerationProgress) => void;
  /** Previews while the images render, where the model can stream them (as in a call). */
  onPartialImage?: (partial: ImagePartial) => void;
}

/** Where a started job is. */
export type ImageJobStatus = 'running' | 'succeeded' | 'failed' | 'canceled';

/** Answer of `ImageModelV1.statusJob`. */
export interface ImageModelJobStatus {
  status: ImageJobStatus;
  progress?: ImageGenerationProgress;
}

/** A provider hands out models by the provider's own model id. */
export interface ImageProvider {
  readonly name: string;
  imageModel(modelId: string): ImageModelV1;
  /**
   * Whether the provider has what a call needs (its key), read now. A provider answering
   * `false` is never live: servers list its models as not live and never pick them as the
   * default. Omitted: the provider needs nothing and is always configured.
   */
  isConfigured?(): boolean;
}
