// AI edits of an asset into the library: the asset's bytes go to the generator's
// `editImages`, and every result lands through the import pipeline as a new asset whose
// source names the operation and the asset it came from.
import { aiSourceFor, GenerationCanceledError } from '../ai-generation';
import type {
  MediaAIEditRequest,
  MediaAIGenerateRequest,
  MediaAIGenerator,
  MediaAIProgress,
} from '../ai-types';
import { AssetNotFoundError, ImportAbortedError, MediaLibraryError } from '../errors';
import type { ImportInput, ImportItemResult, MediaLibrary } from '../types';
import { EditNotSupportedError } from './edit-errors';

/** The edit request of {@link editWithAI}: a {@link MediaAIEditRequest} without the image. */
export interface AssetAIEditRequest extends Omit<MediaAIEditRequest, 'image'> {}

/** Options of {@link editWithAI}. */
export interface EditWithAIOptions {
  /** Cancels the edit and the import; nothing of a canceled run is added. */
  signal?: AbortSignal;
  /** The generator's progress, then `{ stage: 'importing' }` while the results are stored. */
  onProgress?: (progress: MediaAIProgress) => void;
}

/**
 * Edits asset `assetId` with `generator.editImages` and imports every result as a new asset,
 * first in the default (newest first) order, with
 * `source: { type: 'ai', operation, parentId: assetId, prompt, model, seed, … }`. The original
 * is untouched. Results in the generator's order; an image without a file is a failed result.
 *
 * @throws {EditNotSupportedError} when the generator has no `editImages`.
 * @throws {AssetNotFoundError} when the asset, or its bytes, are not in the library.
 * @throws {GenerationCanceledError} when `signal` fires before the import has finished.
 *
 * @example
 * const [result] = await editWithAI(library, generator, asset.id, {
 *   operation: 'remove-background',
 * });
 */
export async function editWithAI(
  library: MediaLibrary,
  generator: MediaAIGenerator,
  assetId: string,
  request: AssetAIEditRequest,
  options: EditWithAIOptions = {},
): Promise<ImportItemResult[]> {
  const { signal, onProgress } = options;
  if (typeof generator.editImages !== 'function') {
    throw new EditNotSupportedError(
      'This AI generator cannot edit images (it has no editImages); pick a generator or ' +
        'server whose models list edit operations.',
    );
  }
  throwIfCanceled(signal);
  const asset = library.get(assetId);
  const blob = asset && (await library.getBlob(assetId));
  if (!asset || !blob) throw new AssetNotFoundError(assetId);
  throwIfCanceled(signal);
  const image = new File([blob], asset.name, { type: asset.mimeType });
  let results: Awaited<ReturnType<NonNullable<MediaAIGenerator['editImages']>>>;
  try {
    results = await generator.editImages(
      { ...request, image },
      { ...(signal ? { signal } : {}), ...(onProgress ? { onProgress } : {}) },
    );
  } catch (error) {
    if (signal?.aborted) throw new GenerationCanceledError({ cause: error });
    throw error;
  }
  throwIfCanceled(signal);
  if (!Array.isArray(results)) {
    throw new MediaLibraryError(
      'invalid_input',
      'The AI generator did not return a list of images from editImages; it resolves to ' +
        '[{ file, metadata }].',
    );
  }
  if (results.length === 0) return [];
  onProgress?.({ stage: 'importing' });
  const base = asset.title ?? asset.name.replace(/\.[^.]+$/, '');
  const inputs = results.map((result, index): ImportInput | MediaLibraryError => {
    const file = (result as { file?: unknown } | null)?.file;
    if (!(file instanceof Blob)) {
      return new MediaLibraryError(
        'invalid_input',
        `The AI generator returned edit ${index + 1} without a file; each image needs { file: File }.`,
      );
    }
    const source = {
      ...aiSourceFor(result, promptOf(request)),
      operation: request.operation,
      parentId: assetId,
    };
    const name =
      file instanceof File && file.name ? file.name : `${base}-${request.operation}-${index + 1}`;
    const input: ImportInput = { blob: file, name, source };
    if (source.prompt) input.alt = source.prompt;
    else if (asset.alt) input.alt = asset.alt;
    return input;
  });
  const valid = inputs.filter((input): input is ImportInput => !(input instanceof Error));
  try {
    const imported = await library.importFiles(valid, signal ? { signal } : {});
    let next = 0;
    return inputs.map(
      (input, index): ImportItemResult =>
        input instanceof Error
          ? { status: 'failed', name: `edit-${index + 1}`, error: input }
          : (imported[next++] as ImportItemResult),
    );
  } catch (error) {
    if (error instanceof ImportAbortedError && signal?.aborted) {
      throw new GenerationCanceledError({ cause: error });
    }
    throw error;
  }
}

/**
 * The request's prompt fields in the shape `aiSourceFor` reads. No size: an edit's size is
 * the result's (its metadata, then the measured pixels), not a requested one.
 */
function promptOf(request: AssetAIEditRequest): MediaAIGenerateRequest {
  const { prompt = '', model, negativePrompt, seed } = request;
  return { prompt, model, negativePrompt, seed } as MediaAIGenerateRequest;
}

function throwIfCanceled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new GenerationCanceledError({ cause: signal.reason });
}
