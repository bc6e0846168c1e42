// Generated images into the library: run the injected generator, then hand its Files to the
// same import pipeline as an upload, with the AI provenance kept on each asset.
import type {
  MediaAIGeneratedImage,
  MediaAIGenerateRequest,
  MediaAIGenerator,
  MediaAIPartialImage,
  MediaAIProgress,
} from './ai-types';
import { ImportAbortedError, MediaLibraryError } from './errors';
import { GenerationCanceledError } from './generation-canceled-error';
import type { AssetMeta, AssetSource, ImportInput, ImportItemResult, MediaLibrary } from './types';

/** Options of {@link generateIntoLibrary}. */
export interface GenerateIntoLibraryOptions {
  /** Cancels the generation and the import; nothing of a canceled run is added. */
  signal?: AbortSignal;
  /** The generator's progress, then `{ stage: 'importing' }` while the images are stored. */
  onProgress?: (progress: MediaAIProgress) => void;
  /**
   * Previews while the images render, from generators that send them; see
   * `MediaAIGenerateOptions.onPartialImage`.
   */
  onPartialImage?: (partial: MediaAIPartialImage) => void;
  /**
   * Keep a second asset when a generated image has the same bytes as one already in the
   * library (a deterministic model given the same prompt and seed). Default false: the
   * existing asset comes back with `status: 'duplicate'`, as for an upload.
   */
  keepDuplicates?: boolean;
  /** Which host module asked for the images; see `MediaAsset.sourceModule`. */
  sourceModule?: string;
  /** The host's facts for every generated asset; see `MediaAsset.meta`. */
  meta?: AssetMeta;
}

export { GenerationCanceledError };

/**
 * Generates images with `generator` and imports them into `library` through `importFiles`, so
 * they are sniffed, hashed, deduplicated and thumbnailed like uploads. Each asset gets
 * `source: { type: 'ai', ... }` from the image's metadata, falling back to the request, and
 * `createdAt` = now, so it comes first in the default (newest first) order.
 *
 * A generator written against the one-argument form works unchanged: it ignores the options,
 * and a cancel that happens while it runs still keeps its images out of the library.
 *
 * When the generator can resume (`resumeJob`) and reports a job through `onJob`, the job is
 * kept as pending in IndexedDB until its images have landed, so a library opened after a
 * reload or in another tab resumes it (see `resumePendingGenerations`).
 *
 * @throws {GenerationCanceledError} when `signal` fires before the import has finished.
 * @throws whatever the generator throws (e.g. a typed error for an invalid request).
 *
 * @example
 * const controller = new AbortController();
 * const results = await generateIntoLibrary(
 *   library,
 *   createRemoteGenerator({ baseUrl: '/api/ai' }),
 *   { prompt: 'a red fox in snow', width: 1024, height: 1024 },
 *   { signal: controller.signal, onProgress: (p) => console.log(p.stage, p.percent) },
 * );
 */
export async function generateIntoLibrary(
  library: MediaLibrary,
  generator: MediaAIGenerator,
  request: MediaAIGenerateRequest,
  options: GenerateIntoLibraryOptions = {},
): Promise<ImportItemResult[]> {
  const { signal, onProgress } = options;
  throwIfCanceled(signal);
  // Bad host data would only be refused at the import: check it before paying for images.
  if (options.sourceModule !== undefined || options.meta !== undefined) {
    const { normalizeMeta, normalizeSourceModule } = await import('./host-data');
    if (options.sourceModule !== undefined) normalizeSourceModule(options.sourceModule);
    if (options.meta !== undefined) normalizeMeta(options.meta);
  }
  // A generator that can resume has its jobs kept as pending while they run, so a reload
  // resumes them; that code loads with the first such generation.
  if (generator.resumeJob && globalThis.indexedDB) {
    const { generateResumably } = await import('./pending-jobs-resume');
    return generateResumably(library, generator, request, options);
  }
  let images: MediaAIGeneratedImage[];
  try {
    images = await generator.generateImages(request, {
      ...(signal ? { signal } : {}),
      ...(onProgress ? { onProgress } : {}),
      ...(options.onPartialImage ? { onPartialImage: options.onPartialImage } : {}),
    });
  } catch (error) {
    // The generator's own cancel error is as good as ours, but callers match on one type.
    if (signal?.aborted) throw new GenerationCanceledError({ cause: error });
    throw error;
  }
  throwIfCanceled(signal);
  if (!Array.isArray(images)) {
    throw new MediaLibraryError(
      'invalid_input',
      'The AI generator did not return a list of images; check that it implements ' +
        'MediaAIGenerator (generateImages resolves to [{ file, metadata }]).',
    );
  }
  if (images.length === 0) return [];
  onProgress?.({ stage: 'importing' });
  const inputs = images.map((image, index) => toImportInput(image, request, index));
  const valid = inputs.filter((input): input is ImportInput => !(input instanceof Error));
  try {
    const imported = await library.importFiles(valid, {
      ...(signal ? { signal } : {}),
      ...(options.keepDuplicates ? { keepDuplicates: true } : {}),
      ...(options.sourceModule !== undefined ? { sourceModule: options.sourceModule } : {}),
      ...(options.meta !== undefined ? { meta: options.meta } : {}),
    });
    // Results in the generator's order, with what was not a file reported in its place.
    let next = 0;
    return inputs.map(
      (input, index): ImportItemResult =>
        input instanceof Error
          ? { status: 'failed', name: `generated-${index + 1}`, error: input }
          : (imported[next++] as ImportItemResult),
    );
  } catch (error) {
    if (error instanceof ImportAbortedError && signal?.aborted) {
      throw new GenerationCanceledError({ cause: error });
    }
    throw error;
  }
}

/** The AI provenance of one image: its metadata first, the request where metadata is silent. */
export function aiSourceFor(
  image: MediaAIGeneratedImage,
  request: MediaAIGenerateRequest,
): Extract<AssetSource, { type: 'ai' }> {
  const meta = image.metadata ?? {};
  const source: Extract<AssetSource, { type: 'ai' }> = {
    type: 'ai',
    provider: meta.provider ?? 'unknown',
    model: meta.model ?? request.model ?? 'unknown',
    prompt: meta.prompt ?? request.prompt,
  };
  const optional = {
    negativePrompt: meta.negativePrompt ?? request.negativePrompt,
    seed: meta.seed ?? request.seed,
    steps: meta.steps ?? request.steps,
    width: meta.width ?? request.width,
    height: meta.height ?? request.height,
    costUsd: meta.costUsd,
    generationMs: meta.generationMs,
    requestId: meta.requestId,
  };
  // Only defined fields: records are structured-cloned and compared, and undefined is noise.
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined && value !== '') (source as Record<string, unknown>)[key] = value;
  }
  return source;
}

function toImportInput(
  image: MediaAIGeneratedImage,
  request: MediaAIGenerateRequest,
  index: number,
): ImportInput | MediaLibraryError {
  const file = (image as { file?: unknown } | null)?.file;
  if (!(file instanceof Blob)) {
    return new MediaLibraryError(
      'invalid_input',
      `The AI generator returned image ${index + 1} without a file; each image needs { file: File }.`,
    );
  }
  const source = aiSourceFor(image, request);
  const name = file instanceof File && file.name ? file.name : fallbackName(source, index);
  return { blob: file, name, source, alt: source.prompt };
}

function fallbackName(source: Extract<AssetSource, { type: 'ai' }>, index: number): string {
  const slug = source.prompt
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `ai-${slug || 'image'}-${index + 1}`;
}

function throwIfCanceled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new GenerationCanceledError({ cause: signal.reason });
}
