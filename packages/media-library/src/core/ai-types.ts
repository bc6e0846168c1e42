// The injected AI generator contract. The library only knows this shape: never a provider,
// a key or the server. A generator written against the one-argument form works unchanged.
import type { MediaUrlFetcher } from './types';

export interface MediaAIGenerateRequest {
  prompt: string;
  width: number;
  height: number;
  model?: string;
  negativePrompt?: string;
  steps?: number;
  seed?: number;
  n?: number;
}

export interface MediaAIGeneratedImageMetadata {
  provider?: string;
  model?: string;
  prompt?: string;
  negativePrompt?: string;
  seed?: number;
  steps?: number;
  width?: number;
  height?: number;
  createdAt?: number;
  costUsd?: number;
  generationMs?: number;
  requestId?: string;
}

export interface MediaAIGeneratedImage {
  file: File;
  metadata?: MediaAIGeneratedImageMetadata;
}

export interface MediaAIProgress {
  stage: string;
  percent?: number;
  message?: string;
}

export interface MediaAIGenerateOptions {
  signal?: AbortSignal;
  onProgress?: (progress: MediaAIProgress) => void;
  /**
   * Called when the generator has started a resumable job, with the token that continues it
   * after a reload or in another tab (`resumeJob`) or cancels it (`cancelJob`). The library
   * keeps the token until the job's images have landed.
   */
  onJob?: (job: { token: string }) => void;
  /**
   * Previews while the images render, for generators whose model streams them: image `index`
   * (0-based), `partialIndex` counting up, the preview as a `blob`. The finished image replaces
   * them; a generator that has none never calls it.
   */
  onPartialImage?: (partial: MediaAIPartialImage) => void;
}

/** A preview of one image while it renders; see `MediaAIGenerateOptions.onPartialImage`. */
export interface MediaAIPartialImage {
  index: number;
  partialIndex: number;
  blob: Blob;
}

/** Limits and defaults a model advertises, so a UI can offer only valid values. */
export interface MediaAIModelInfo {
  id: string;
  label: string;
  provider: string;
  /** False when the server has no key for this provider. */
  live?: boolean;
  limits?: {
    minWidth?: number;
    maxWidth?: number;
    minHeight?: number;
    maxHeight?: number;
    maxN?: number;
    minSteps?: number;
    maxSteps?: number;
    maxPromptLength?: number;
  };
  defaults?: { width?: number; height?: number; steps?: number };
  capabilities?: {
    negativePrompt?: boolean;
    seed?: boolean;
    steps?: boolean;
    /**
     * What the model does: `generate` (from a prompt) and the edit operations it takes. Absent
     * on older servers: treat the model as generate-only.
     */
    operations?: MediaAIOperation[];
  };
  costPerImageUsd?: number;
}

/** Everything a model can do: make an image from a prompt, or one of the edit operations. */
export type MediaAIOperation = 'generate' | MediaAIEditOperation;

/**
 * What an edit does to its input image:
 * - `edit`: change the whole image as the prompt says.
 * - `inpaint`: change only the area the mask marks (its transparent pixels), as the prompt says.
 * - `outpaint`: extend the canvas by `outpaint`'s pixels per side and fill the new area.
 * - `variation`: a different image of the same size in the spirit of the input.
 * - `upscale`: `scale` times the width and height.
 * - `remove-background`: the background made transparent, the subject kept.
 */
export type MediaAIEditOperation =
  | 'edit'
  | 'inpaint'
  | 'outpaint'
  | 'variation'
  | 'upscale'
  | 'remove-background';

/** One edit of an existing image; see {@link MediaAIGenerator.editImages}. */
export interface MediaAIEditRequest {
  operation: MediaAIEditOperation;
  /** The image to edit (PNG, JPEG, WebP, GIF or AVIF). */
  image: File;
  /**
   * For `inpaint` (and `edit`, where the model takes one): a PNG of the image's size whose
   * transparent pixels mark the area to change.
   */
  mask?: File;
  /** Required for `edit` and `inpaint`; optional guidance for the others. */
  prompt?: string;
  model?: string;
  /** For `upscale` only: 2 or 4. */
  scale?: 2 | 4;
  /** Results wanted. Default 1. */
  n?: number;
  seed?: number;
  /** For `outpaint`: pixels added on each side. */
  outpaint?: { top?: number; right?: number; bottom?: number; left?: number };
  /** How far the result may move from the input, 0–1, where the model takes it. */
  strength?: number;
  negativePrompt?: string;
}

/**
 * A resize to an exact size; see {@link MediaAIGenerator.transformImage}. The image is scaled
 * to cover `width` × `height` and the overflow cut off around the middle.
 */
export interface MediaAITransformRequest {
  /** The image to resize (PNG, JPEG, WebP, GIF or AVIF). */
  image: File;
  width: number;
  height: number;
  /** A platform format's name (e.g. `instagram-story`), when the size is one. */
  preset?: string;
  /** The output's type. Default: the input's (PNG for GIF). */
  format?: 'png' | 'jpeg' | 'webp';
}

export interface MediaAIGenerator {
  generateImages(
    request: MediaAIGenerateRequest,
    options?: MediaAIGenerateOptions,
  ): Promise<MediaAIGeneratedImage[]>;
  listModels?(): Promise<MediaAIModelInfo[]>;
  /**
   * Edits an existing image (see {@link MediaAIEditRequest}); each result is a new image. A
   * generator without it still works: the UI then hides its edit actions. Which operations a
   * model takes is in `listModels()`'s `capabilities.operations`.
   */
  editImages?(
    request: MediaAIEditRequest,
    options?: MediaAIGenerateOptions,
  ): Promise<MediaAIGeneratedImage[]>;
  /**
   * Fetches a URL for the URL import (the React layer's `importFromUrl` uses it when present),
   * e.g. through the server, so sites that send no CORS headers can be imported from.
   * `createRemoteGenerator` from `@medialoft/server-adapter/client` provides one.
   */
  fetchUrl?: MediaUrlFetcher;
  /**
   * Resizes an image on the server (`exportForPlatform` uses it when present, else resizes in
   * the browser). Resolves the resized file. `createRemoteGenerator` from
   * `@medialoft/server-adapter/client` provides one, through the server's transform route.
   */
  transformImage?(
    request: MediaAITransformRequest,
    options?: { signal?: AbortSignal },
  ): Promise<File>;
  /**
   * Continues a job reported through `onJob` (the same progress and images as the generation
   * that started it). Rejects with an error whose `code` says why a token is refused, e.g.
   * `job_token_expired`, `job_token_invalid`, `job_token_foreign` or `job_not_found`. A
   * generator without it works as before: its generations simply do not survive a reload.
   */
  resumeJob?(token: string, options: MediaAIGenerateOptions): Promise<MediaAIGeneratedImage[]>;
  /** Cancels a job reported through `onJob` upstream, wherever it was started. */
  cancelJob?(token: string): Promise<void>;
}
