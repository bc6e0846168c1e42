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
  capabilities?: { negativePrompt?: boolean; seed?: boolean; steps?: boolean };
  costPerImageUsd?: number;
}

export interface MediaAIGenerator {
  generateImages(
    request: MediaAIGenerateRequest,
    options?: MediaAIGenerateOptions,
  ): Promise<MediaAIGeneratedImage[]>;
  listModels?(): Promise<MediaAIModelInfo[]>;
  /**
   * Fetches a URL for the URL import (the React layer's `importFromUrl` uses it when present),
   * e.g. through the server, so sites that send no CORS headers can be imported from.
   * `createRemoteGenerator` from `@medialoft/server-adapter/client` provides one.
   */
  fetchUrl?: MediaUrlFetcher;
}
