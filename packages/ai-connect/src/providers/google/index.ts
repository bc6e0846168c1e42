// Google Imagen models as an ai-connect provider, and their catalogue entries.
export { googleModelCatalog, IMAGEN_ASPECT_RATIOS } from './google-catalog';
export type { GoogleImagesSettings } from './google-provider';
export { createGoogleImages, GOOGLE_DEFAULT_BASE_URL } from './google-provider';
