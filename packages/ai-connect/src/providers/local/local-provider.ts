// Factory of the keyless local provider. Its one model, `placeholder`, is what the catalogue
// lists as `local/placeholder`.
import { InvalidRequestError } from '../../spec/errors';
import type { ImageEditCallOptions, ImageModelV1, ImageProvider } from '../../spec/image-model';
import { editLocally } from './local-edit';
import { LocalImageModel } from './local-image-model';

/** Settings of {@link createLocalProvider}; every field is optional. */
export interface LocalProviderSettings {
  /** Images rendered per call; `generateImages` splits larger requests. Default 4. */
  maxImagesPerCall?: number;
  /**
   * Extra wait per call, spread over its images, to behave like a slow hosted model in demos
   * and tests of progress and cancellation: progress is reported every 100–250 ms of it, rising
   * towards 90% before the last render. The images are the same as without it. Default 0.
   */
  delayMs?: number;
  /** Clock seam for deterministic timings in tests. Default `Date.now`. */
  now?: () => number;
}

/** The model id the local provider serves. */
export const LOCAL_PLACEHOLDER_MODEL_ID = 'placeholder';

/**
 * Creates the keyless local provider (name `local`). It renders labelled placeholder images
 * with sharp: deterministic, no network, no key.
 *
 * @example
 * const model = createLocalProvider().imageModel('placeholder');
 * const { images } = await model.doGenerate({ prompt: 'a red fox', n: 1, size: { width: 512, height: 512 } });
 */
export function createLocalProvider(settings: LocalProviderSettings = {}): ImageProvider {
  const config = {
    maxImagesPerCall: settings.maxImagesPerCall ?? 4,
    delayMs: settings.delayMs ?? 0,
    now: settings.now ?? Date.now,
  };
  return {
    name: 'local',
    imageModel(modelId: string) {
      if (modelId !== LOCAL_PLACEHOLDER_MODEL_ID) {
        throw new InvalidRequestError(
          `The local provider has no model "${modelId}"; it only serves "${LOCAL_PLACEHOLDER_MODEL_ID}".`,
          { field: 'model', provider: 'local', ownMessage: true },
        );
      }
      const model: ImageModelV1 = new LocalImageModel(modelId, config);
      // The same model edits (with sharp, see local-edit.ts), so edits need no key either.
      return Object.assign(model, {
        doEdit: (options: ImageEditCallOptions) => editLocally(options, modelId, config.now),
      });
    },
  };
}
