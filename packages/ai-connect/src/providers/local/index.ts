// The keyless local provider: placeholder images rendered with sharp.

export { LocalImageModel } from './local-image-model';
export {
  createLocalProvider,
  LOCAL_PLACEHOLDER_MODEL_ID,
  type LocalProviderSettings,
} from './local-provider';
